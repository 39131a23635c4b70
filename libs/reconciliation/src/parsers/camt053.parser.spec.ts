import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createRfReference, isValidRfReference } from '@mutualis/invoicing';
import { MAX_CAMT_VALUE_CHARACTERS, MAX_XML_NODES, parseCamt053 } from './camt053.parser';
import { type ParsedTransaction, StatementFormatError } from './statement-types';

// CI lays out shared/ beside the repository; FIXTURES_DIR may point at shared/fixtures (or
// straight at its camt053 folder) when it lives elsewhere.
const fixturesRoot =
  process.env.FIXTURES_DIR ?? path.join(__dirname, '../../../../../shared/fixtures');
const fixturesDir = existsSync(path.join(fixturesRoot, 'camt053'))
  ? path.join(fixturesRoot, 'camt053')
  : fixturesRoot;
const fixture = (name: string): Buffer => readFileSync(path.join(fixturesDir, name));

const CHAMBRE_IBAN = 'FR7630006000011234567890189';
const JARDINS_IBAN = 'FR1420041010050500013M02606';
const ATELIERS_IBAN = 'FR1430004008280001234567890';
const RESSOURCERIE_IBAN = 'FR7418315000001234567890123';

/** A one-statement camt.053 document of the given version around the entries. */
function statement(version: string, entries: string[], account = `<IBAN>${CHAMBRE_IBAN}</IBAN>`) {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version}">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>MUTUALIS-TEST-1</MsgId><CreDtTm>2026-03-31T18:00:00+02:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>STMT-2026-03</Id>
      <CreDtTm>2026-03-31T18:00:00+02:00</CreDtTm>
      <Acct><Id>${account}</Id></Acct>
      ${entries.join('\n      ')}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`,
    'utf8',
  );
}

/** A v8 entry; `details` is the NtryDtls content. */
function entryV8(options: {
  amount: string;
  indicator?: 'CRDT' | 'DBIT';
  status?: string;
  reversal?: boolean;
  bookingDate?: string | null;
  acctSvcrRef?: string;
  details?: string;
}): string {
  const bookingDate = options.bookingDate === undefined ? '2026-03-02' : options.bookingDate;
  return `<Ntry>
        <Amt Ccy="EUR">${options.amount}</Amt>
        <CdtDbtInd>${options.indicator ?? 'CRDT'}</CdtDbtInd>
        ${options.reversal ? '<RvslInd>true</RvslInd>' : ''}
        <Sts><Cd>${options.status ?? 'BOOK'}</Cd></Sts>
        ${bookingDate === null ? '' : `<BookgDt><Dt>${bookingDate}</Dt></BookgDt>`}
        <ValDt><Dt>2026-03-03</Dt></ValDt>
        ${options.acctSvcrRef ? `<AcctSvcrRef>${options.acctSvcrRef}</AcctSvcrRef>` : ''}
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        ${options.details ? `<NtryDtls>${options.details}</NtryDtls>` : ''}
      </Ntry>`;
}

function formatError(run: () => unknown): StatementFormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof StatementFormatError) return error;
    throw error;
  }
  throw new Error('expected a StatementFormatError');
}

describe('parseCamt053', () => {
  describe('the shared fixtures', () => {
    it('reads the minimal v2 statement: one booked credit from its debtor', () => {
      const parsed = parseCamt053(fixture('camt053.v2.minimal.xml'));
      expect(parsed).toEqual({
        format: 'camt053',
        version: '001.02',
        transactions: [
          {
            accountIban: 'NL26VAYB8060476890',
            bookingDate: '2014-12-31',
            valueDate: '2015-01-02',
            amountCents: 885,
            direction: 'credit',
            currency: 'EUR',
            // Refs holds only a proprietary sequence number: no bank reference.
            bankReference: null,
            batchPosition: null,
            counterpartyName: 'NAME NAME',
            counterpartyIban: 'NL56AGDH9619008421',
            remittanceInfo: null,
            creditorReference: '4654654654654654',
            source: 'Stmt[1]/Ntry[1]',
          },
        ],
      });
    });

    it('reads every statement of a multi-statement file, credits and debits', () => {
      const parsed = parseCamt053(fixture('camt053.v2.multi.statement.xml'));
      expect(parsed.version).toBe('001.02');
      expect(parsed.transactions).toEqual<ParsedTransaction[]>([
        {
          accountIban: 'NL26VAYB8060476890',
          bookingDate: '2014-12-31',
          valueDate: '2015-01-02',
          amountCents: 885,
          direction: 'credit',
          currency: 'EUR',
          bankReference: '000000001',
          batchPosition: null,
          // A credit's counterparty is its debtor, and this file names only the creditor.
          counterpartyName: null,
          counterpartyIban: null,
          remittanceInfo: 'Transaction Description 1',
          creditorReference: null,
          source: 'Stmt[1]/Ntry[1]',
        },
        {
          accountIban: 'NL26VAYB8060476890',
          bookingDate: '2014-12-31',
          valueDate: '2015-01-02',
          amountCents: 700,
          direction: 'debit',
          currency: 'EUR',
          bankReference: '000000002',
          batchPosition: null,
          counterpartyName: 'Company Name 2',
          counterpartyIban: 'NL56AGDH9619008421',
          remittanceInfo: 'Transaction Description 2',
          creditorReference: null,
          source: 'Stmt[2]/Ntry[1]',
        },
      ]);
    });

    it('reads the v8 statement: Sts/Cd, BookgDt/DtTm, Pty names, the entry amount over a 0 SEK detail', () => {
      const parsed = parseCamt053(fixture('camt053.v8.xml'));
      expect(parsed).toEqual({
        format: 'camt053',
        version: '001.08',
        transactions: [
          {
            // Given in Acct/Id/Othr/Id, taken because its IBAN check digits hold.
            accountIban: 'NL26VAYB8060476890',
            bookingDate: '2014-12-31',
            valueDate: '2015-01-02',
            amountCents: 885,
            direction: 'credit',
            currency: 'EUR',
            bankReference: 'AAAASESS-FP-CN_98765/01',
            batchPosition: null,
            counterpartyName: 'NAME NAME',
            counterpartyIban: 'NL56AGDH9619008421',
            remittanceInfo: null,
            creditorReference: '4654654654654654',
            source: 'Stmt[1]/Ntry[1]',
          },
        ],
      });
    });

    it('refuses the "wrong" fixture, whose BkToCstmrStmt holds no Stmt', () => {
      const error = formatError(() => parseCamt053(fixture('camt053.v2.wrong.xml')));
      expect(error.location).toBe('Document/BkToCstmrStmt');
      expect(error.message).toBe('Document/BkToCstmrStmt: no Stmt: the file holds no statement');
    });
  });

  describe('entries as the Chambre receives them', () => {
    const references = ['2026000042', '2026000043', '2026000044'].map(createRfReference);
    const spaced = (reference: string) => reference.replace(/(.{4})(?=.)/g, '$1 ');
    const batch = entryV8({
      amount: '300.00',
      acctSvcrRef: 'BQ-20260302-0001',
      details: `
        <Btch><NbOfTxs>3</NbOfTxs><TtlAmt Ccy="EUR">300.00</TtlAmt><CdtDbtInd>CRDT</CdtDbtInd></Btch>
        <TxDtls>
          <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
          <Amt Ccy="EUR">100.00</Amt>
          <CdtDbtInd>CRDT</CdtDbtInd>
          <RltdPties>
            <Dbtr><Pty><Nm>Association Les Jardins Partagés</Nm></Pty></Dbtr>
            <DbtrAcct><Id><IBAN>${JARDINS_IBAN}</IBAN></Id></DbtrAcct>
          </RltdPties>
          <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>${spaced(references[0])}</Ref></CdtrRefInf></Strd></RmtInf>
        </TxDtls>
        <TxDtls>
          <Refs><AcctSvcrRef>BQ-20260302-0001-B</AcctSvcrRef><EndToEndId>SCOP-ATELIERS-0312</EndToEndId></Refs>
          <Amt Ccy="EUR">100.00</Amt>
          <RltdPties>
            <UltmtDbtr><Pty><Nm>SCOP Les Ateliers du Sud</Nm></Pty></UltmtDbtr>
            <DbtrAcct><Id><IBAN>${ATELIERS_IBAN}</IBAN></Id></DbtrAcct>
          </RltdPties>
          <RmtInf><Strd><CdtrRefInf><Ref>${references[1].toLowerCase()}</Ref></CdtrRefInf></Strd></RmtInf>
        </TxDtls>
        <TxDtls>
          <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
          <AmtDtls><TxAmt><Amt Ccy="EUR">100</Amt></TxAmt></AmtDtls>
          <RltdPties>
            <Dbtr><Pty><Nm>Ressourcerie   du Var</Nm></Pty></Dbtr>
            <DbtrAcct><Id><IBAN>${RESSOURCERIE_IBAN}</IBAN></Id></DbtrAcct>
          </RltdPties>
          <RmtInf><Strd><CdtrRefInf><Ref>${references[2]}</Ref></CdtrRefInf></Strd></RmtInf>
        </TxDtls>`,
    });
    const refund = entryV8({
      amount: '45.00',
      indicator: 'DBIT',
      bookingDate: '2026-03-05',
      details: `<TxDtls>
          <Refs><EndToEndId>RBT-AV-2026-000007</EndToEndId></Refs>
          <RltdPties>
            <Dbtr><Pty><Nm>CRESS Provence-Alpes-Côte d'Azur</Nm></Pty></Dbtr>
            <Cdtr><Pty><Nm>SCOP Les Ateliers du Sud</Nm></Pty></Cdtr>
            <CdtrAcct><Id><IBAN>${ATELIERS_IBAN}</IBAN></Id></CdtrAcct>
          </RltdPties>
          <RmtInf><Ustrd>Remboursement avoir AV-2026-000007</Ustrd></RmtInf>
        </TxDtls>`,
    });
    const invoicePayment = entryV8({
      amount: '1234.5',
      bookingDate: '2026-03-06',
      acctSvcrRef: 'BQ-20260306-0007',
      details: `<TxDtls>
          <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
          <RltdPties><Dbtr><Pty><Nm>Fondation Alpes Solidaires</Nm></Pty></Dbtr></RltdPties>
          <RmtInf><Ustrd>VIR SEPA   Facture F-2026-000042</Ustrd><Ustrd> session du 12/03
          </Ustrd></RmtInf>
        </TxDtls>`,
    });
    const pending = entryV8({ amount: '80.00', status: 'PDNG', bookingDate: null });
    const reversal = entryV8({
      amount: '100.00',
      reversal: true,
      bookingDate: '2026-03-09',
      acctSvcrRef: 'BQ-20260309-0002',
      details: `<TxDtls>
          <RltdPties>
            <Dbtr><Pty><Nm>Association Les Jardins Partagés</Nm></Pty></Dbtr>
            <DbtrAcct><Id><IBAN>${JARDINS_IBAN}</IBAN></Id></DbtrAcct>
          </RltdPties>
          <AddtlTxInf>RETOUR VIREMENT - COMPTE CLOS</AddtlTxInf>
        </TxDtls>`,
    });
    const parsed = parseCamt053(
      statement('08', [batch, refund, invoicePayment, pending, reversal]),
    );
    const common = { accountIban: CHAMBRE_IBAN, currency: 'EUR', valueDate: '2026-03-03' };

    it('splits a batched credit into its three transfers, each with its RF reference', () => {
      expect(references.every(isValidRfReference)).toBe(true);
      expect(parsed.transactions.slice(0, 3)).toEqual<ParsedTransaction[]>([
        {
          ...common,
          bookingDate: '2026-03-02',
          amountCents: 10000,
          direction: 'credit',
          // No reference of its own: the entry's, made distinct by the position.
          bankReference: 'BQ-20260302-0001#1',
          batchPosition: 1,
          counterpartyName: 'Association Les Jardins Partagés',
          counterpartyIban: JARDINS_IBAN,
          remittanceInfo: null,
          creditorReference: references[0],
          source: 'Stmt[1]/Ntry[1]/TxDtls[1]',
        },
        {
          ...common,
          bookingDate: '2026-03-02',
          amountCents: 10000,
          direction: 'credit',
          bankReference: 'BQ-20260302-0001-B',
          batchPosition: 2,
          // No Dbtr: the ultimate debtor stands in.
          counterpartyName: 'SCOP Les Ateliers du Sud',
          counterpartyIban: ATELIERS_IBAN,
          remittanceInfo: null,
          creditorReference: references[1],
          source: 'Stmt[1]/Ntry[1]/TxDtls[2]',
        },
        {
          ...common,
          bookingDate: '2026-03-02',
          amountCents: 10000,
          direction: 'credit',
          bankReference: 'BQ-20260302-0001#3',
          batchPosition: 3,
          counterpartyName: 'Ressourcerie du Var',
          counterpartyIban: RESSOURCERIE_IBAN,
          remittanceInfo: null,
          creditorReference: references[2],
          source: 'Stmt[1]/Ntry[1]/TxDtls[3]',
        },
      ]);
    });

    it('reads a refund paid to a member as a debit whose counterparty is the creditor', () => {
      expect(parsed.transactions[3]).toEqual<ParsedTransaction>({
        ...common,
        bookingDate: '2026-03-05',
        amountCents: 4500,
        direction: 'debit',
        bankReference: 'RBT-AV-2026-000007',
        batchPosition: null,
        counterpartyName: 'SCOP Les Ateliers du Sud',
        counterpartyIban: ATELIERS_IBAN,
        remittanceInfo: 'Remboursement avoir AV-2026-000007',
        creditorReference: null,
        source: 'Stmt[1]/Ntry[2]',
      });
    });

    it('joins the Ustrd lines of a payment naming its invoice, whitespace collapsed', () => {
      expect(parsed.transactions[4]).toMatchObject({
        amountCents: 123450,
        direction: 'credit',
        bankReference: 'BQ-20260306-0007',
        counterpartyName: 'Fondation Alpes Solidaires',
        counterpartyIban: null,
        remittanceInfo: 'VIR SEPA Facture F-2026-000042 session du 12/03',
        creditorReference: null,
        source: 'Stmt[1]/Ntry[3]',
      });
    });

    it('skips a pending entry: no money has moved', () => {
      expect(parsed.transactions.map((transaction) => transaction.source)).not.toContain(
        'Stmt[1]/Ntry[4]',
      );
      expect(parsed.transactions).toHaveLength(6);
    });

    it('reads a reversed credit as money going out, still naming the original payer', () => {
      expect(parsed.transactions[5]).toEqual<ParsedTransaction>({
        ...common,
        bookingDate: '2026-03-09',
        amountCents: 10000,
        direction: 'debit',
        bankReference: 'BQ-20260309-0002',
        batchPosition: null,
        counterpartyName: 'Association Les Jardins Partagés',
        counterpartyIban: JARDINS_IBAN,
        remittanceInfo: 'RETOUR VIREMENT - COMPTE CLOS',
        creditorReference: null,
        source: 'Stmt[1]/Ntry[5]',
      });
    });

    it('finds an RF reference the payer typed in the free text', () => {
      const typed = entryV8({
        amount: '60.00',
        details: `<TxDtls><RmtInf><Ustrd>ADHESION 2026 REF ${spaced(references[0])} MERCI</Ustrd></RmtInf></TxDtls>`,
      });
      const [transaction] = parseCamt053(statement('08', [typed])).transactions;
      expect(transaction.creditorReference).toBe(references[0]);
    });
  });

  describe('tolerance', () => {
    it('reads prefixed elements, CDATA, entities and decimal forms, exactly to the cent', () => {
      const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!-- exported by the bank -->
<ns2:Document xmlns:ns2="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <ns2:BkToCstmrStmt>
    <ns2:Stmt>
      <ns2:Acct><ns2:Id><ns2:IBAN> fr76 3000 6000 0112 3456 7890 189 </ns2:IBAN></ns2:Id></ns2:Acct>
      ${['8.85', '1234.5', '2700', '0012.30', '0.07', '8.850']
        .map(
          (amount, index) => `<ns2:Ntry>
        <ns2:NtryRef>0012-${index + 1}</ns2:NtryRef>
        <ns2:Amt Ccy="EUR">  ${amount}  </ns2:Amt>
        <ns2:CdtDbtInd>CRDT</ns2:CdtDbtInd>
        <ns2:Sts>BOOK</ns2:Sts>
        <ns2:BookgDt><ns2:Dt>2026-03-31+02:00</ns2:Dt></ns2:BookgDt>
        <ns2:NtryDtls><ns2:TxDtls><ns2:RmtInf>
          <ns2:Ustrd><![CDATA[Cotisation <2026> & adhésion]]></ns2:Ustrd>
          <ns2:Ustrd>Jardins &amp; Potagers &#233;t&#xE9; &lt;ok&gt;</ns2:Ustrd>
        </ns2:RmtInf></ns2:TxDtls></ns2:NtryDtls>
      </ns2:Ntry>`,
        )
        .join('\n')}
    </ns2:Stmt>
  </ns2:BkToCstmrStmt>
</ns2:Document>`;
      const parsed = parseCamt053(Buffer.from(xml, 'utf8'));
      expect(parsed.version).toBe('001.04');
      expect(parsed.transactions.map((transaction) => transaction.amountCents)).toEqual([
        885, 123450, 270000, 1230, 7, 885,
      ]);
      expect(parsed.transactions[0]).toMatchObject({
        accountIban: CHAMBRE_IBAN,
        bookingDate: '2026-03-31',
        valueDate: null,
        bankReference: '0012-1',
        remittanceInfo: 'Cotisation <2026> & adhésion Jardins & Potagers été <ok>',
      });
    });

    it('reads a file with a byte-order mark', () => {
      const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fixture('camt053.v8.xml')]);
      expect(parseCamt053(withBom).transactions).toHaveLength(1);
    });

    it('reads a file declared in ISO-8859-1', () => {
      const xml = statement('02', [
        `<Ntry><Amt Ccy="EUR">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-03-02</Dt></BookgDt>
        <AddtlNtryInf>VIR ASSOCIATION CAFÉ</AddtlNtryInf></Ntry>`,
      ])
        .toString('utf8')
        .replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
      const [transaction] = parseCamt053(Buffer.from(xml, 'latin1')).transactions;
      expect(transaction.remittanceInfo).toBe('VIR ASSOCIATION CAFÉ');
    });

    it('skips a booked entry of zero, which moved no money', () => {
      const zero = entryV8({ amount: '0.00' });
      expect(parseCamt053(statement('08', [zero])).transactions).toEqual([]);
    });
  });

  describe('refusals', () => {
    it('points at the end of a truncated file with line and column', () => {
      const whole = fixture('camt053.v8.xml').toString('utf8');
      const cut = whole.slice(0, Math.floor(whole.length / 2));
      const lines = cut.split('\n');
      const error = formatError(() => parseCamt053(Buffer.from(cut, 'utf8')));
      expect(error.location).toBe(
        `line ${lines.length}, column ${lines[lines.length - 1].length + 1}`,
      );
      expect(error.message).toMatch(/truncated/);
      expect(error.message).toMatch(/still open: Document\/BkToCstmrStmt\/Stmt/);
    });

    it('gives line and column of a malformed tag', () => {
      const xml = fixture('camt053.v2.minimal.xml')
        .toString('utf8')
        .replace(
          '</CdtDbtInd>\n                <RvslInd>',
          '</CdtDbtIndx>\n                <RvslInd>',
        );
      const error = formatError(() => parseCamt053(Buffer.from(xml, 'utf8')));
      expect(error.location).toBe('line 92, column 32');
      expect(error.message).toMatch(/not well-formed XML/);
    });

    it('refuses a file that is not XML at all', () => {
      const error = formatError(() => parseCamt053(Buffer.from('Date;Libellé;Montant\n', 'utf8')));
      expect(error.location).toBe('line 1, column 1');
    });

    it('names the element path of an amount that is not one', () => {
      const entries = ['10.00', '20.00', '12.3.4'].map((amount) => entryV8({ amount }));
      const error = formatError(() => parseCamt053(statement('08', entries)));
      expect(error.location).toBe('Stmt[1]/Ntry[3]/Amt');
      expect(error.message).toBe('Stmt[1]/Ntry[3]/Amt: not an amount: "12.3.4"');
    });

    it('refuses an amount with more than two significant decimals', () => {
      const error = formatError(() =>
        parseCamt053(statement('08', [entryV8({ amount: '8.855' })])),
      );
      expect(error.message).toBe(
        'Stmt[1]/Ntry[1]/Amt: the amount "8.855" has more than 2 decimals',
      );
    });

    it('refuses an amount without currency', () => {
      const xml = fixture('camt053.v2.minimal.xml')
        .toString('utf8')
        .replace('<Amt Ccy="EUR">8.85</Amt>', '<Amt>8.85</Amt>');
      const error = formatError(() => parseCamt053(Buffer.from(xml, 'utf8')));
      expect(error.location).toBe('Stmt[1]/Ntry[1]/Amt');
    });

    it('names a missing booking date in the second statement', () => {
      const xml = fixture('camt053.v2.multi.statement.xml').toString('utf8');
      const second = xml.indexOf('<Id>254EURNL26VAYB8060476890</Id>');
      const broken =
        xml.slice(0, second) +
        xml.slice(second).replace(/<BookgDt>\s*<Dt>2014-12-31<\/Dt>\s*<\/BookgDt>/, '');
      const error = formatError(() => parseCamt053(Buffer.from(broken, 'utf8')));
      expect(error.location).toBe('Stmt[2]/Ntry[1]/BookgDt');
      expect(error.message).toMatch(/no booking date/);
    });

    it('refuses an impossible date', () => {
      const error = formatError(() =>
        parseCamt053(statement('08', [entryV8({ amount: '1.00', bookingDate: '2026-02-30' })])),
      );
      expect(error.location).toBe('Stmt[1]/Ntry[1]/BookgDt/Dt');
    });

    it('refuses a credit/debit indicator other than CRDT or DBIT', () => {
      const xml = fixture('camt053.v8.xml')
        .toString('utf8')
        .replace(
          '<CdtDbtInd>CRDT</CdtDbtInd>\n                <Sts>',
          '<CdtDbtInd>CRED</CdtDbtInd><Sts>',
        );
      const error = formatError(() => parseCamt053(Buffer.from(xml, 'utf8')));
      expect(error.location).toBe('Stmt[1]/Ntry[1]/CdtDbtInd');
      expect(error.message).toMatch(/"CRED" is neither CRDT nor DBIT/);
    });

    it('refuses an unknown entry status rather than guess whether money moved', () => {
      const error = formatError(() =>
        parseCamt053(statement('08', [entryV8({ amount: '1.00', status: 'DONE' })])),
      );
      expect(error.location).toBe('Stmt[1]/Ntry[1]/Sts');
    });

    it('refuses a batch whose transactions do not add up to the entry', () => {
      const details = ['100.00', '150.00']
        .map((amount) => `<TxDtls><Amt Ccy="EUR">${amount}</Amt></TxDtls>`)
        .join('');
      const error = formatError(() =>
        parseCamt053(statement('08', [entryV8({ amount: '300.00', details })])),
      );
      expect(error.location).toBe('Stmt[1]/Ntry[1]');
      expect(error.message).toMatch(/add up to 250\.00 EUR, the entry is 300\.00 EUR/);
    });

    it('refuses a batch transaction without an amount, at that transaction', () => {
      const details = `<TxDtls><Amt Ccy="EUR">100.00</Amt></TxDtls><TxDtls><Refs><EndToEndId>X</EndToEndId></Refs></TxDtls>`;
      const error = formatError(() =>
        parseCamt053(statement('08', [entryV8({ amount: '100.00', details })])),
      );
      expect(error.location).toBe('Stmt[1]/Ntry[1]/TxDtls[2]');
    });

    it.each([
      ['camt.052', 'urn:iso:std:iso:20022:tech:xsd:camt.052.001.02'],
      ['camt.054', 'urn:iso:std:iso:20022:tech:xsd:camt.054.001.08'],
      ['pain.001', 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03'],
      ['camt.053 v9', 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.09'],
    ])('refuses a %s document, naming its namespace', (_kind, namespace) => {
      const xml = fixture('camt053.v2.minimal.xml')
        .toString('utf8')
        .replace('urn:iso:std:iso:20022:tech:xsd:camt.053.001.02', namespace);
      const error = formatError(() => parseCamt053(Buffer.from(xml, 'utf8')));
      expect(error.location).toBe('Document');
      expect(error.message).toContain(`"${namespace}"`);
    });

    it('refuses a document without namespace or with another root', () => {
      expect(
        formatError(() => parseCamt053(Buffer.from('<Document><A/></Document>'))).message,
      ).toMatch(/no namespace/);
      expect(formatError(() => parseCamt053(Buffer.from('<Statement/>'))).message).toMatch(
        /root element is <Statement>/,
      );
    });

    it('refuses a DOCTYPE, the way in for entity bombs', () => {
      const bomb = `<?xml version="1.0"?>
<!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>&b;</BkToCstmrStmt></Document>`;
      const error = formatError(() => parseCamt053(Buffer.from(bomb, 'utf8')));
      expect(error.location).toBe('line 2, column 1');
      expect(error.message).toMatch(/DOCTYPE/);
    });

    describe('wherever the declaration stands, however it is dressed', () => {
      const DOCUMENT = fixture('camt053.v2.minimal.xml')
        .toString('utf8')
        .replace(/^<\?xml[^>]*\?>\s*/, '');
      const DOCTYPE = '<!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]>';
      it.each([
        ['after a comment holding a tag', `<!-- <a> -->${DOCTYPE}`, '<?xml version="1.0"?>'],
        ['after a comment', `<!-- généré par la banque -->\n${DOCTYPE}\n`, ''],
        ['after a processing instruction', `<?xml-stylesheet href="x.xsl"?>${DOCTYPE}`, ''],
        ['after a PI holding a tag', `<?pi <Document> ?>${DOCTYPE}`, ''],
        ['in lower case', '<!doctype Document>', ''],
        ['with spaces after <!', '<! DOCTYPE Document>', ''],
        ['as a bare ENTITY', '<!ENTITY x "y">', ''],
        ['as a SYSTEM DOCTYPE without subset', '<!DOCTYPE Document SYSTEM "http://x/y.dtd">', ''],
        ['after a BOM and blank lines', `\uFEFF\n\n  ${DOCTYPE}`, ''],
      ])('refuses a DOCTYPE %s', (_case, prolog, declaration) => {
        const xml = `${declaration}${prolog}${DOCUMENT}`;
        const error = formatError(() => parseCamt053(Buffer.from(xml, 'utf8')));
        expect(error.message).toMatch(/(DOCTYPE|ENTITY) declaration is not allowed/);
        expect(error.location).toMatch(/^line \d+, column \d+$/);
      });

      it('refuses one inside the document, even after an attribute holding <!-- and >', () => {
        const inside = DOCUMENT.replace(
          '<BkToCstmrStmt>',
          `<BkToCstmrStmt><GrpHdr a="<!-- >"/>${DOCTYPE}`,
        );
        expect(formatError(() => parseCamt053(Buffer.from(inside, 'utf8'))).message).toMatch(
          /DOCTYPE declaration is not allowed/,
        );
      });

      it('refuses one in UTF-16', () => {
        const xml = `\uFEFF<!-- x -->${DOCTYPE}${DOCUMENT}`;
        const error = formatError(() => parseCamt053(Buffer.from(xml, 'utf16le')));
        expect(error.message).toMatch(/DOCTYPE declaration is not allowed/);
      });

      it('reads a statement whose comments and PIs only mention a DOCTYPE', () => {
        const xml = `<?xml version="1.0"?><!-- <!DOCTYPE x> --><?note <!DOCTYPE y>?>${DOCUMENT.replace(
          '<BkToCstmrStmt>',
          '<BkToCstmrStmt><!-- <!ENTITY z "z"> -->',
        )}`;
        expect(parseCamt053(Buffer.from(xml, 'utf8')).transactions.length).toBeGreaterThan(0);
      });
    });

    describe('values and counts no bank writes', () => {
      const DOCUMENT = fixture('camt053.v2.minimal.xml').toString('utf8');

      it('refuses a text value past the cap, naming the element', () => {
        const name = 'A'.repeat(MAX_CAMT_VALUE_CHARACTERS + 1);
        const xml = DOCUMENT.replace(/<MsgId>[^<]*<\/MsgId>/, `<MsgId>${name}</MsgId>`);
        expect(xml).not.toBe(DOCUMENT);
        const error = formatError(() => parseCamt053(Buffer.from(xml, 'utf8')));
        expect(error.message).toBe(
          `Document/BkToCstmrStmt/GrpHdr/MsgId: a value of ${MAX_CAMT_VALUE_CHARACTERS + 1} characters, more than the ${MAX_CAMT_VALUE_CHARACTERS} any camt.053 field holds`,
        );
      });

      it('refuses an attribute value past the cap', () => {
        const xml = DOCUMENT.replace('Ccy="EUR"', `Ccy="${'E'.repeat(5_000)}"`);
        expect(formatError(() => parseCamt053(Buffer.from(xml, 'utf8'))).message).toMatch(
          /\/@Ccy: a value of 5000 characters/,
        );
      });

      it('accepts a value at the cap', () => {
        const xml = DOCUMENT.replace(
          /<MsgId>[^<]*<\/MsgId>/,
          `<MsgId>${'A'.repeat(MAX_CAMT_VALUE_CHARACTERS)}</MsgId>`,
        );
        expect(parseCamt053(Buffer.from(xml, 'utf8')).transactions.length).toBeGreaterThan(0);
      });

      it('counts elements, PIs and comments before parsing and refuses more than a statement holds', () => {
        for (const node of ['<A/>', '<?x?>', '<!---->']) {
          const flood = DOCUMENT.replace('<GrpHdr>', `<GrpHdr>${node.repeat(MAX_XML_NODES)}`);
          const error = formatError(() => parseCamt053(Buffer.from(flood, 'utf8')));
          expect(error.message).toMatch(
            new RegExp(`^line \\d+, column \\d+: more than ${MAX_XML_NODES} XML elements`),
          );
        }
      });

      it('refuses an element with more attributes than any statement element has', () => {
        const attributes = (count: number) =>
          Array.from({ length: count }, (_, index) => `a${index}="x>y"`).join(' ');
        const crowded = DOCUMENT.replace('<GrpHdr>', `<GrpHdr><A ${attributes(21)}/>`);
        expect(formatError(() => parseCamt053(Buffer.from(crowded, 'utf8'))).message).toMatch(
          /an element with 21 attributes, more than the 20/,
        );
        const root = DOCUMENT.replace('<Document ', `<Document ${attributes(10)} `);
        expect(parseCamt053(Buffer.from(root, 'utf8')).transactions.length).toBeGreaterThan(0);
      });

      it('names the first and last of thousands of tags a truncated file leaves open', () => {
        const cut = `${DOCUMENT.slice(0, DOCUMENT.indexOf('<GrpHdr>'))}${'<A>'.repeat(5_000)}<B>`;
        const error = formatError(() => parseCamt053(Buffer.from(cut, 'utf8')));
        expect(error.message).toMatch(
          /\(still open: Document\/BkToCstmrStmt\/A\/A\/…4995 more…\/A\/A\/A\/B\); it may be truncated$/,
        );
      });

      it('refuses a remittance of more than 100 Ustrd lines', () => {
        const lines = Array.from({ length: 101 }, () => '<Ustrd>MERCI</Ustrd>').join('');
        const xml = DOCUMENT.replace(/<RmtInf>[\s\S]*?<\/RmtInf>/, `<RmtInf>${lines}</RmtInf>`);
        expect(xml).not.toBe(DOCUMENT);
        expect(formatError(() => parseCamt053(Buffer.from(xml, 'utf8'))).message).toMatch(
          /RmtInf: 101 Ustrd lines, more than the 100/,
        );
      });
    });

    it('refuses a file over 20 MB without reading it', () => {
      const error = formatError(() => parseCamt053(Buffer.alloc(20 * 1024 * 1024 + 1, 0x20)));
      expect(error.message).toMatch(/more than the 20971520/);
    });

    it('refuses bytes that are not UTF-8, at their line', () => {
      const bytes = Buffer.concat([
        Buffer.from('<?xml version="1.0"?>\n<Document>\n<A>caf', 'utf8'),
        Buffer.from([0xe9]),
        Buffer.from('</A></Document>', 'utf8'),
      ]);
      const error = formatError(() => parseCamt053(bytes));
      expect(error.location).toBe('line 3, column 7');
    });
  });
});
