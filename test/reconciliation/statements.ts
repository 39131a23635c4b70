/**
 * Real-shaped bank statements for the reconciliation tests: a camt.053.001.08 document laid
 * out as the fixture from ../shared/fixtures/camt053/camt053.v8.xml (a copy changed in code,
 * as the fixtures' README asks), and French bank CSV exports.
 */

export interface StatementTransfer {
  amountCents: number;
  /** The payer (for a credit) or the payee (for a debit). */
  party?: string;
  partyIban?: string;
  text?: string;
  creditorReference?: string;
  endToEndId?: string;
}

export interface StatementEntry {
  direction: 'credit' | 'debit';
  bookingDate: string;
  accountServicerReference: string;
  status?: 'BOOK' | 'PDNG';
  /** One transfer, or several for a batched entry (the entry's amount is their sum). */
  transfers: StatementTransfer[];
}

const CHAMBRE_IBAN = 'FR7630006000011234567890189';

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function amount(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

function transferXml(entry: StatementEntry, transfer: StatementTransfer): string {
  const party = entry.direction === 'credit' ? 'Dbtr' : 'Cdtr';
  const remittance = transfer.creditorReference
    ? `<Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry><Issr>ISO</Issr></Tp><Ref>${transfer.creditorReference}</Ref></CdtrRefInf></Strd>`
    : '';
  const text = transfer.text ? `<Ustrd>${escape(transfer.text)}</Ustrd>` : '';
  return `
                    <TxDtls>
                        <Refs><EndToEndId>${transfer.endToEndId ?? 'NOTPROVIDED'}</EndToEndId></Refs>
                        <Amt Ccy="EUR">${amount(transfer.amountCents)}</Amt>
                        <CdtDbtInd>${entry.direction === 'credit' ? 'CRDT' : 'DBIT'}</CdtDbtInd>
                        <RltdPties>
                            <${party}><Pty><Nm>${escape(transfer.party ?? '')}</Nm></Pty></${party}>
                            <${party}Acct><Id><IBAN>${transfer.partyIban ?? 'FR7612345000010001234567890'}</IBAN></Id></${party}Acct>
                        </RltdPties>
                        ${text || remittance ? `<RmtInf>${text}${remittance}</RmtInf>` : ''}
                    </TxDtls>`;
}

function entryXml(entry: StatementEntry): string {
  const total = entry.transfers.reduce((sum, transfer) => sum + transfer.amountCents, 0);
  return `
            <Ntry>
                <Amt Ccy="EUR">${amount(total)}</Amt>
                <CdtDbtInd>${entry.direction === 'credit' ? 'CRDT' : 'DBIT'}</CdtDbtInd>
                <Sts><Cd>${entry.status ?? 'BOOK'}</Cd></Sts>
                <BookgDt><Dt>${entry.bookingDate}</Dt></BookgDt>
                <ValDt><Dt>${entry.bookingDate}</Dt></ValDt>
                <AcctSvcrRef>${entry.accountServicerReference}</AcctSvcrRef>
                <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
                <NtryDtls>${entry.transfers.map((transfer) => transferXml(entry, transfer)).join('')}
                </NtryDtls>
            </Ntry>`;
}

export function camt053(statementId: string, entries: StatementEntry[]): Buffer {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
    <BkToCstmrStmt>
        <GrpHdr>
            <MsgId>${statementId}</MsgId>
            <CreDtTm>2026-11-26T07:00:00+01:00</CreDtTm>
        </GrpHdr>
        <Stmt>
            <Id>${statementId}-1</Id>
            <CreDtTm>2026-11-26T07:00:00+01:00</CreDtTm>
            <Acct><Id><IBAN>${CHAMBRE_IBAN}</IBAN></Id><Ccy>EUR</Ccy></Acct>${entries.map(entryXml).join('')}
        </Stmt>
    </BkToCstmrStmt>
</Document>
`,
    'utf8',
  );
}

/** A French bank's CSV export: preamble lines, `;`, decimal comma, dd/mm/yyyy. */
export function frenchCsv(
  rows: { date: string; label: string; debitCents?: number; creditCents?: number }[],
): string {
  const euros = (cents: number | undefined) =>
    cents === undefined ? '' : `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
  const day = (iso: string) => iso.split('-').reverse().join('/');
  return [
    'Compte courant n° 12345678901',
    'Période du 01/11/2026 au 30/11/2026',
    '',
    'Date;Date de valeur;Libellé;Débit;Crédit',
    ...rows.map((row) =>
      [day(row.date), day(row.date), row.label, euros(row.debitCents), euros(row.creditCents)].join(
        ';',
      ),
    ),
    '',
  ].join('\r\n');
}

/** ISO-8859-15 bytes of a text (the euro sign is 0xA4 there). */
export function latin9(text: string): Buffer {
  const bytes = [...text].map((character) => {
    if (character === '€') return 0xa4;
    const code = character.charCodeAt(0);
    if (code > 0xff) throw new RangeError(`not in ISO-8859-15: ${character}`);
    return code;
  });
  return Buffer.from(bytes);
}
