import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog, FieldProblem } from '@mutualis/core';
import { AccountingErrorCode, AccountingException } from '../../accounting.exception';
import type { AccountRole } from '../../journal/entry-draft';
import { BooksRepository } from '../../repositories/books.repository';
import { ChartRepository } from '../../repositories/chart.repository';
import { ChartAccountView } from '../../views/chart.view';
import { presentAccount } from '../get-chart/get-chart.use-case';

export interface ChartAccountChange {
  role: AccountRole;
  /** Required for the VAT roles (a rate not yet charted adds its account), absent otherwise. */
  vatRateBasisPoints?: number | null;
  number: string;
  label: string;
}

const VAT_ROLES: readonly AccountRole[] = ['vat_pending', 'vat_collected'];

/**
 * The class of the plan comptable général each role's account belongs to: a number outside it
 * is a typing mistake, caught before it reaches the books.
 */
const CLASSES: Record<AccountRole, string[]> = {
  customers: ['41'],
  revenue_taxable: ['70'],
  revenue_exempt_training: ['70'],
  revenue_other: ['70', '74', '75'],
  // PCG 756 « Cotisations » (ANC 2018-06, associations and foundations), or 70 when a Chambre
  // books taxable cotisations as sales.
  revenue_membership: ['756', '70'],
  vat_pending: ['4457'],
  vat_collected: ['4457'],
  bank: ['51'],
  stripe: ['46', '51', '58'],
  fees: ['62'],
  deferred_income: ['487'],
};

/**
 * Sets accounts' numbers and labels. Entries keep the number and label they were posted with,
 * so a change applies to entries posted after it; each change is audited with its before.
 */
@Injectable()
export class UpdateChartUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly books: BooksRepository,
    private readonly chart: ChartRepository,
    private readonly audit: AuditLog,
  ) {}

  async execute(changes: ChartAccountChange[]): Promise<ChartAccountView[]> {
    const problems: FieldProblem[] = [];
    const seen = new Set<string>();
    changes.forEach((change, index) => {
      const field = `accounts[${index}]`;
      if (!Object.hasOwn(CLASSES, change.role)) {
        problems.push({ field: `${field}.role`, message: 'not a role of the chart' });
        return;
      }
      const vat = VAT_ROLES.includes(change.role);
      if (vat && !change.vatRateBasisPoints) {
        problems.push({
          field: `${field}.vatRateBasisPoints`,
          message: 'a VAT account names its rate',
        });
      }
      if (!vat && change.vatRateBasisPoints) {
        problems.push({
          field: `${field}.vatRateBasisPoints`,
          message: 'only VAT accounts have a rate',
        });
      }
      if (typeof change.number !== 'string' || !/^[0-9]{3}[0-9A-Z]{0,17}$/.test(change.number)) {
        problems.push({
          field: `${field}.number`,
          message: 'an account number is 3 digits then up to 17 digits or capital letters',
        });
      } else if (!CLASSES[change.role].some((prefix) => change.number.startsWith(prefix))) {
        problems.push({
          field: `${field}.number`,
          message: `a ${change.role} account starts with ${CLASSES[change.role].join(' or ')}`,
        });
      }
      if (
        typeof change.label !== 'string' ||
        !/^[^\t\r\n]{1,100}$/.test(change.label) ||
        change.label.trim() === ''
      ) {
        problems.push({
          field: `${field}.label`,
          message: 'a label is 1 to 100 characters on one line',
        });
      }
      const key = `${change.role}:${change.vatRateBasisPoints ?? 0}`;
      if (seen.has(key)) problems.push({ field, message: 'this account is listed twice' });
      seen.add(key);
    });
    if (problems.length > 0) {
      throw new AccountingException(
        AccountingErrorCode.InvalidChart,
        'the chart cannot take these accounts',
        problems,
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const chambreId = await this.books.chambreId(manager);
      const current = await this.chart.lockAccounts(chambreId, manager);
      const next = new Map(
        current.map((account) => [`${account.role}:${account.vatRateBasisPoints}`, account]),
      );
      for (const change of changes) {
        const rate = change.vatRateBasisPoints ?? 0;
        const key = `${change.role}:${rate}`;
        const before = next.get(key);
        if (before && before.number === change.number && before.label === change.label) continue;
        await this.chart.save(chambreId, { ...change, vatRateBasisPoints: rate }, manager);
        next.set(key, {
          role: change.role,
          vatRateBasisPoints: rate,
          number: change.number,
          label: change.label,
          updatedAt: new Date(),
        });
        await this.audit.record(manager, {
          action: before ? 'accounting_account.changed' : 'accounting_account.added',
          entityType: 'accounting_account',
          entityId: rate > 0 ? `${change.role}:${rate}` : change.role,
          before: before ? { number: before.number, label: before.label } : null,
          after: { number: change.number, label: change.label },
        });
      }
      const numbers = new Map<string, string>();
      for (const [key, account] of next) {
        const other = numbers.get(account.number);
        if (other !== undefined) {
          throw new AccountingException(
            AccountingErrorCode.InvalidChart,
            `${account.number} would be the account of both ${other} and ${key}`,
            [{ field: 'accounts', message: `the number ${account.number} is used twice` }],
          );
        }
        numbers.set(account.number, key);
      }
      return (await this.chart.accounts(chambreId, manager)).map(presentAccount);
    });
  }
}
