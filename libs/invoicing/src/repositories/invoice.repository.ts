import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { centsFromRow, KeysetPosition } from '@mutualis/core';
import { InvoiceLine } from '../entities/invoice-line.entity';
import { Invoice } from '../entities/invoice.entity';
import type { InvoiceSeries, InvoiceStatus } from '../invoicing.types';

export type DraftInvoice = Omit<
  Invoice,
  | 'id'
  | 'status'
  | 'series'
  | 'year'
  | 'sequence'
  | 'number'
  | 'issueDate'
  | 'dueDate'
  | 'payableAmountCents'
  | 'amountPaidCents'
  | 'amountCreditedCents'
  | 'pdfPath'
  | 'pdfSha256'
  | 'issuedAt'
  | 'createdAt'
  | 'updatedAt'
>;

export type DraftLine = Omit<InvoiceLine, 'id' | 'invoiceId' | 'position'>;

/** An invoice and its lines as written, held by whoever wrote them. */
export interface StoredInvoice {
  invoice: Invoice;
  lines: InvoiceLine[];
}

export interface InvoiceListQuery {
  organisationIds?: string[];
  organisationId?: string;
  statuses?: InvoiceStatus[];
  overdueOn?: string;
  issuedFrom?: string;
  issuedTo?: string;
  after: KeysetPosition | null;
  limit: number;
}

/** What a payment needs of an invoice: its kind, status and balance. */
export interface InvoiceBalance {
  id: string;
  number: string | null;
  type: string;
  status: string;
  totalInclVatCents: number;
  amountPaidCents: number;
  amountCreditedCents: number;
  membershipId: string | null;
}

@Injectable()
export class InvoiceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Invoice | null> {
    return manager.findOne(Invoice, { where: { id } });
  }

  findByIdForUpdate(id: string, manager: EntityManager): Promise<Invoice | null> {
    return manager
      .getRepository(Invoice)
      .createQueryBuilder('invoice')
      .setLock('for_no_key_update')
      .where('invoice.id = :id', { id })
      .getOne();
  }

  /** The booking's invoice (not its credit notes), locked. */
  findForBookingForUpdate(bookingId: string, manager: EntityManager): Promise<Invoice | null> {
    return manager
      .getRepository(Invoice)
      .createQueryBuilder('invoice')
      .setLock('for_no_key_update')
      .where(`invoice.bookingId = :bookingId AND invoice.type = 'invoice'`, { bookingId })
      .getOne();
  }

  /** The membership's invoice (not its credit notes). */
  findForMembership(
    membershipId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Invoice | null> {
    return manager
      .getRepository(Invoice)
      .createQueryBuilder('invoice')
      .where(`invoice.membershipId = :membershipId AND invoice.type = 'invoice'`, { membershipId })
      .getOne();
  }

  /** The invoices (not credit notes) of several memberships, in one query. */
  findForMemberships(membershipIds: string[]): Promise<Invoice[]> {
    if (membershipIds.length === 0) return Promise.resolve([]);
    return this.dataSource.manager
      .getRepository(Invoice)
      .createQueryBuilder('invoice')
      .where(`invoice.membershipId = ANY(:ids) AND invoice.type = 'invoice'`, {
        ids: membershipIds,
      })
      .getMany();
  }

  findBySourceEvent(eventId: string, manager: EntityManager): Promise<Invoice | null> {
    return manager.findOne(Invoice, { where: { sourceEventId: eventId } });
  }

  /**
   * Inserts a draft and its lines, and returns them as stored: every column is set here or
   * returned by the INSERT (id, timestamps), so nothing is read back.
   */
  async insertDraft(
    draft: DraftInvoice,
    lines: DraftLine[],
    manager: EntityManager,
  ): Promise<StoredInvoice> {
    const invoice = manager.create(Invoice, {
      ...draft,
      status: 'draft',
      series: null,
      year: null,
      sequence: null,
      number: null,
      issueDate: null,
      dueDate: null,
      payableAmountCents: null,
      amountPaidCents: 0,
      amountCreditedCents: 0,
      pdfPath: null,
      pdfSha256: null,
      issuedAt: null,
    });
    await manager.insert(Invoice, invoice);
    return { invoice, lines: await this.insertLines(invoice.id, lines, manager) };
  }

  /** Rewrites a draft's content (still allowed by the triggers: nothing is issued yet). */
  async replaceDraft(
    id: string,
    changes: Partial<DraftInvoice>,
    lines: DraftLine[],
    manager: EntityManager,
  ): Promise<InvoiceLine[]> {
    await manager.update(Invoice, { id }, changes);
    // The application role may not delete invoice lines: this function deletes a draft's only.
    await manager.query(`SELECT discard_draft_invoice_lines($1)`, [id]);
    return this.insertLines(id, lines, manager);
  }

  /**
   * Locks a series of a Chambre until the caller's transaction ends. Every issuer of the series
   * takes it first, so the issue instant read after it is in number order, whatever the year.
   * A transaction-level advisory lock: the counter rows are per year, and the year is not known
   * before the clock is read.
   */
  async lockSeries(
    chambreId: string,
    series: InvoiceSeries,
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `SELECT pg_advisory_xact_lock(hashtextextended('invoice-series:' || $1 || ':' || $2, 0))`,
      [chambreId, series],
    );
  }

  /** When the last document of a series and year was issued (its highest number), or null. */
  async lastIssuedAt(
    chambreId: string,
    series: InvoiceSeries,
    year: number,
    manager: EntityManager,
  ): Promise<Date | null> {
    // Read backwards on the unique index of chambre, series, year and sequence.
    const [last] = await manager.query<{ issued_at: Date }[]>(
      `SELECT issued_at FROM invoices WHERE chambre_id = $1 AND series = $2 AND year = $3
        ORDER BY sequence DESC LIMIT 1`,
      [chambreId, series, year],
    );
    return last?.issued_at ?? null;
  }

  /**
   * The next number of a series and year, from its counter row, in the transaction holding the
   * series' lock (lockSeries). A rolled-back issue gives its number back: no gap, unlike a
   * sequence.
   */
  async nextSequence(
    chambreId: string,
    series: InvoiceSeries,
    year: number,
    manager: EntityManager,
  ): Promise<number> {
    const [row] = await manager.query<{ last_number: number }[]>(
      `INSERT INTO invoice_counters (chambre_id, series, year, last_number) VALUES ($1, $2, $3, 1)
       ON CONFLICT (chambre_id, series, year) DO UPDATE SET last_number = invoice_counters.last_number + 1
       RETURNING last_number`,
      [chambreId, series, year],
    );
    return row.last_number;
  }

  /** The balances of many invoices, locked in id order (two runs cannot deadlock). */
  async lockBalances(ids: string[], manager: EntityManager): Promise<InvoiceBalance[]> {
    const rows = await manager.query<
      {
        id: string;
        number: string | null;
        type: string;
        status: string;
        total_incl_vat_cents: string;
        amount_paid_cents: string;
        amount_credited_cents: string;
        membership_id: string | null;
      }[]
    >(
      `SELECT id, number, type, status, total_incl_vat_cents, amount_paid_cents, amount_credited_cents,
              membership_id
         FROM invoices WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
      [ids],
    );
    return rows.map((row) => ({
      id: row.id,
      number: row.number,
      type: row.type,
      status: row.status,
      totalInclVatCents: centsFromRow(row.total_incl_vat_cents),
      amountPaidCents: centsFromRow(row.amount_paid_cents),
      amountCreditedCents: centsFromRow(row.amount_credited_cents),
      membershipId: row.membership_id,
    }));
  }

  /** Sets the paid amounts and statuses of many invoices in one statement. */
  async updatePaidMany(
    changes: { id: string; amountPaidCents: number; status: string }[],
    manager: EntityManager,
  ): Promise<void> {
    await manager.query(
      `UPDATE invoices i
          SET amount_paid_cents = v.paid, status = v.status, updated_at = CURRENT_TIMESTAMP
         FROM unnest($1::uuid[], $2::bigint[], $3::text[]) AS v(id, paid, status)
        WHERE i.id = v.id`,
      [
        changes.map((change) => change.id),
        changes.map((change) => change.amountPaidCents),
        changes.map((change) => change.status),
      ],
    );
  }

  async update(id: string, changes: Partial<Invoice>, manager: EntityManager): Promise<void> {
    await manager.update(Invoice, { id }, changes);
  }

  linesOf(
    invoiceIds: string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<InvoiceLine[]> {
    if (invoiceIds.length === 0) return Promise.resolve([]);
    return manager.find(InvoiceLine, {
      where: { invoiceId: In(invoiceIds) },
      order: { invoiceId: 'ASC', position: 'ASC' },
    });
  }

  /** Issued invoices still without their stored PDF (a worker stopped between the two steps). */
  async withoutPdf(limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM invoices WHERE status <> 'draft' AND pdf_sha256 IS NULL ORDER BY issued_at LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.id);
  }

  list(query: InvoiceListQuery): Promise<Invoice[]> {
    const builder = this.dataSource
      .getRepository(Invoice)
      .createQueryBuilder('invoice')
      .where(`invoice.status <> 'draft'`)
      .orderBy('invoice.createdAt', 'ASC')
      .addOrderBy('invoice.id', 'ASC')
      .limit(query.limit + 1);
    if (query.organisationIds) {
      builder.andWhere(
        new Brackets((scope) => {
          if (query.organisationIds!.length === 0) scope.where('false');
          else
            scope.where('invoice.organisationId IN (:...organisationIds)', {
              organisationIds: query.organisationIds,
            });
        }),
      );
    }
    if (query.organisationId)
      builder.andWhere('invoice.organisationId = :organisationId', {
        organisationId: query.organisationId,
      });
    if (query.statuses?.length)
      builder.andWhere('invoice.status IN (:...statuses)', { statuses: query.statuses });
    if (query.overdueOn) {
      builder.andWhere(
        `invoice.type = 'invoice' AND invoice.status IN ('issued', 'partially_paid') AND invoice.dueDate < :day`,
        {
          day: query.overdueOn,
        },
      );
    }
    if (query.issuedFrom)
      builder.andWhere('invoice.issueDate >= :from', { from: query.issuedFrom });
    if (query.issuedTo) builder.andWhere('invoice.issueDate <= :to', { to: query.issuedTo });
    if (query.after) {
      builder.andWhere('(invoice.createdAt, invoice.id) > (:afterCreatedAt, :afterId)', {
        afterCreatedAt: query.after.createdAt,
        afterId: query.after.id,
      });
    }
    return builder.getMany();
  }

  private async insertLines(
    invoiceId: string,
    lines: DraftLine[],
    manager: EntityManager,
  ): Promise<InvoiceLine[]> {
    const stored = lines.map((line, position) =>
      manager.create(InvoiceLine, { ...line, invoiceId, position }),
    );
    await manager.insert(InvoiceLine, stored);
    return stored;
  }
}
