import { Injectable } from '@nestjs/common';
import { MembershipErrorCode, MembershipException } from '../../membership.exception';
import { ChambreScopeRepository } from '../../repositories/chambre-scope.repository';
import { MemberImportRepository } from '../../repositories/member-import.repository';
import { MemberImportView, presentMemberImport } from '../../views/member-import.view';

/** An import's progress: counts updated by every batch, and the refused lines with why. */
@Injectable()
export class GetMemberImportUseCase {
  constructor(
    private readonly imports: MemberImportRepository,
    private readonly chambre: ChambreScopeRepository,
  ) {}

  async execute(id: string): Promise<MemberImportView> {
    const row = await this.imports.findById(await this.chambre.currentId(), id);
    if (!row) {
      throw new MembershipException(MembershipErrorCode.ImportNotFound, 'member import not found');
    }
    return presentMemberImport(row);
  }
}
