import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  describeFindings,
  EinvoicingValidators,
  einvoicingValidators,
  ValidatorReport,
} from '../support/einvoicing-validators';
import { expectPdfA3b, FacturXPdfReport, inspectFacturXPdf } from '../support/factur-x-pdf';
import { IsolatedEnvironment, isolatedEnvironment } from '../support/isolated-environment';
import { BUILT_WORKER, freePort, ROOT, RunningProcess, startBuilt } from '../support/processes';

const CLI = join(ROOT, 'dist/apps/api/apps/api/src/cli.js');

interface StoredDocument {
  number: string;
  type: 'invoice' | 'credit_note';
  pdf_path: string;
  total_incl_vat_cents: string;
  payable_amount_cents: string;
  buyer: { name: string; publicProcurement?: { engagementNumber: string | null } | null };
}

/**
 * Acceptance of issue 19: every invoice and credit note the demo issues — through the seed's
 * use cases and the real worker, as `npm run demo` does — is stored as a Factur-X whose XML
 * passes the four official validators with no fatal assertion, and whose PDF passes the checks
 * poppler can make.
 */
describe('the demo’s invoices and credit notes are Factur-X documents', () => {
  let environment: IsolatedEnvironment;
  let storage: string;
  let worker: RunningProcess | undefined;
  let db: Client;
  let validators: EinvoicingValidators;
  let documents: StoredDocument[];
  const reads = new Map<string, { pdf: FacturXPdfReport; validation: ValidatorReport[] }>();

  beforeAll(async () => {
    // Compiled once per machine and cached (about 45 s per schematron when the cache is cold).
    const prepared = einvoicingValidators();
    environment = await isolatedEnvironment('facturx');
    storage = mkdtempSync(join(tmpdir(), 'mutualis-facturx-'));
    const env = {
      ...environment.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_MS: '50',
      INVOICE_STORAGE_DIR: storage,
    };
    const seeded = spawnSync(process.execPath, [CLI, 'seed'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    if (seeded.status !== 0) throw new Error(`demo seed failed:\n${seeded.stderr}${seeded.stdout}`);
    worker = startBuilt(BUILT_WORKER, { ...env, WORKER_HEALTH_PORT: String(await freePort()) });
    db = new Client({ connectionString: environment.databaseUrl });
    await db.connect();
    documents = await allDocumentsStored(db);
    validators = await prepared;
    for (const document of documents) {
      const pdf = readFileSync(join(storage, document.pdf_path));
      const report = inspectFacturXPdf(pdf);
      reads.set(document.number, {
        pdf: report,
        validation: await validators.validate(report.facturXml!.toString('utf8')),
      });
    }
  }, 900_000);

  afterAll(async () => {
    worker?.child.kill('SIGTERM');
    await worker?.exited;
    await db?.end();
    await environment?.drop();
    rmSync(storage, { recursive: true, force: true });
  });

  it('issues invoices, a credit note and a public buyer’s invoice, each stored', () => {
    expect(documents.filter((d) => d.type === 'invoice').length).toBeGreaterThan(10);
    expect(documents.filter((d) => d.type === 'credit_note').length).toBeGreaterThanOrEqual(1);
    expect(documents.some((d) => d.buyer.publicProcurement?.engagementNumber)).toBe(true);
  });

  it('passes the XSD, the Factur-X, the EN 16931 and the French rules with no fatal assertion', () => {
    const failures = documents
      .map((d) => ({
        number: d.number,
        fatal: describeFindings(reads.get(d.number)!.validation, 'fatal'),
      }))
      .filter((d) => d.fatal !== '');
    expect(failures).toEqual([]);
    for (const { validation } of reads.values()) {
      expect(validation.map((report) => report.validator).sort()).toEqual([
        'br-fr',
        'en16931',
        'factur-x',
        'xsd',
      ]);
    }
  });

  it('is a PDF/A-3b with factur-x.xml attached and described in its XMP', () => {
    for (const { pdf } of reads.values()) {
      expectPdfA3b(pdf);
      expect(pdf.attachments).toEqual(['factur-x.xml']);
      expect(pdf.associatedFiles).toEqual([
        { name: 'factur-x.xml', relationship: expect.any(String), mimeType: 'text/xml' },
      ]);
      expect(pdf.facturX).toMatchObject({
        documentType: 'INVOICE',
        documentFileName: 'factur-x.xml',
        version: '1.0',
        conformanceLevel: 'EN 16931',
      });
    }
  });

  it('says in its XML what the invoice records: number, type, totals, amount due, the public buyer’s engagement', () => {
    for (const document of documents) {
      const xml = reads.get(document.number)!.pdf.facturXml!.toString('utf8');
      expect(xml).toContain(`<ram:ID>${document.number}</ram:ID>`);
      expect(xml).toContain(
        `<ram:TypeCode>${document.type === 'invoice' ? 380 : 381}</ram:TypeCode>`,
      );
      expect(xml).toContain(
        `<ram:GrandTotalAmount>${euros(document.total_incl_vat_cents)}</ram:GrandTotalAmount>`,
      );
      expect(xml).toContain(
        `<ram:DuePayableAmount>${euros(document.payable_amount_cents)}</ram:DuePayableAmount>`,
      );
      const engagement = document.buyer.publicProcurement?.engagementNumber;
      if (engagement)
        expect(xml).toContain(`<ram:IssuerAssignedID>${engagement}</ram:IssuerAssignedID>`);
    }
  });
});

function euros(cents: string): string {
  const value = Number(cents);
  return `${Math.trunc(value / 100)}.${String(value % 100).padStart(2, '0')}`;
}

/**
 * Waits until the worker has issued an invoice for every confirmed booking, the credit note of
 * every cancelled one, and stored every document's PDF; then reads them.
 */
async function allDocumentsStored(db: Client): Promise<StoredDocument[]> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const { rows } = await db.query<{ waiting: string }>(
      `SELECT (SELECT count(*) FROM bookings b
                WHERE b.confirmed_at IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.booking_id = b.id AND i.type = 'invoice'))
            + (SELECT count(*) FROM bookings b
                WHERE b.confirmed_at IS NOT NULL AND b.status = 'cancelled'
                  AND NOT EXISTS (SELECT 1 FROM invoices i
                                   WHERE i.booking_id = b.id AND i.type = 'credit_note'))
            + (SELECT count(*) FROM invoices WHERE status <> 'draft' AND pdf_sha256 IS NULL)
            + (SELECT count(*) FROM invoices WHERE status = 'draft') AS waiting`,
    );
    if (Number(rows[0].waiting) === 0) break;
    if (Date.now() > deadline) throw new Error(`${rows[0].waiting} documents still not stored`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const { rows } = await db.query<StoredDocument>(
    `SELECT number, type, pdf_path, total_incl_vat_cents, payable_amount_cents, buyer
       FROM invoices ORDER BY number`,
  );
  return rows;
}
