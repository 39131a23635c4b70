import { Module } from '@nestjs/common';

/** Accounting: the Chambre's journal (entries written when money facts happen), periods, the FEC. */
@Module({})
export class AccountingModule {}
