/**
 * ISO 20022 camt.053 (bank-to-customer statement), versions 001.02 to 001.08, read into one
 * ParsedTransaction per booked movement. Errors name the element at fault as a path such as
 * `Stmt[1]/Ntry[3]/Amt`, so finance staff can tell their bank what is wrong with the file.
 */
import { TextDecoder } from 'node:util';
import { type EntityDecoderOptions, XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  type Direction,
  type ParsedStatement,
  type ParsedTransaction,
  StatementFormatError,
} from './statement-types';
import {
  MAX_STATEMENT_BYTES,
  MAX_STATEMENT_TRANSACTIONS,
  calendarDate,
  centsFromDigits,
  collapseWhitespace,
  compactReference,
  findRfReference,
  isValidIban,
  tooManyTransactions,
} from './statement-values';

const CAMT053_NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.(0[2-8])$/;

/** A 20 MB statement at 50 bytes an element has 400,000; indentation removed, some 700,000. */
export const MAX_XML_NODES = 1_000_000;
/**
 * camt elements carry one attribute (Ccy) or none; the root a few namespace declarations.
 * The parser spends more per attribute the more an element has (200,000 on one element
 * took 10 s), so an element may have this many at most.
 */
export const MAX_XML_ATTRIBUTES = 20;

/** Elements that may repeat where we read them: always arrays, even when the bank sent one. */
const REPEATED = new Set(['Stmt', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd']);

/** Entry statuses for money that has not moved (yet): pending, information only, future. */
const NOT_BOOKED = new Set(['PDNG', 'INFO', 'FUTR']);

/** What fast-xml-parser builds with these options: text, or an element keyed by child name. */
type XmlNode = string | XmlElement;
interface XmlElement {
  [name: string]: XmlNode | XmlNode[] | undefined;
}

/** Parses a camt.053 file; throws StatementFormatError naming the line or element at fault. */
export function parseCamt053(content: Buffer): ParsedStatement {
  if (content.length > MAX_STATEMENT_BYTES) {
    throw new StatementFormatError(
      `the file has ${content.length} bytes, more than the ${MAX_STATEMENT_BYTES} a statement may have`,
      null,
    );
  }
  const text = decodeXml(content);
  if (text.trim() === '') throw new StatementFormatError('the file is empty', null);
  checkMarkup(text);
  checkWellFormed(text);
  const { document, namespace } = readDocument(text);
  const version = camtVersion(namespace);

  const report = childElement(document, 'BkToCstmrStmt', 'Document');
  if (!report) {
    throw new StatementFormatError(
      'no BkToCstmrStmt: not a bank-to-customer statement',
      'Document',
    );
  }
  const statements = all(report, 'Stmt');
  if (statements.length === 0) {
    throw new StatementFormatError(
      'no Stmt: the file holds no statement',
      'Document/BkToCstmrStmt',
    );
  }
  const transactions = statements.flatMap((node, index) => {
    const path = `Stmt[${index + 1}]`;
    return readStatement(asElement(node, path), path);
  });
  if (transactions.length > MAX_STATEMENT_TRANSACTIONS) throw tooManyTransactions();
  return { format: 'camt053', version, transactions };
}

// ---------------------------------------------------------------------------------------------
// Bytes to a checked document

/** camt files are UTF-8 by the standard; a declared single-byte encoding or a UTF-16 BOM wins. */
function decodeXml(content: Buffer): string {
  let label = 'utf-8';
  if (content[0] === 0xff && content[1] === 0xfe) label = 'utf-16le';
  else if (content[0] === 0xfe && content[1] === 0xff) label = 'utf-16be';
  else if (!(content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf)) {
    const declaration = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(
      content.subarray(0, 200).toString('latin1'),
    );
    if (declaration) label = declaration[1];
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new StatementFormatError(`unsupported character encoding "${label}"`, null);
  }
  try {
    return decoder.decode(content);
  } catch {
    // Point at the first undecodable byte: decoded leniently, it is the first U+FFFD.
    const lenient = new TextDecoder(label).decode(content);
    throw new StatementFormatError(
      `the bytes are not valid ${decoder.encoding}`,
      positionAt(lenient, Math.max(lenient.indexOf('\uFFFD'), 0)),
    );
  }
}

/**
 * A DOCTYPE is how XML bombs and external entities get in, and no bank needs one in a camt
 * file: refuse it outright, wherever it stands. (The entity decoder below would not expand
 * its entities anyway.)
 *
 * The text is read as XML tokens, not searched for a pattern: comments, processing
 * instructions, CDATA sections and tags (with their quoted attribute values) are skipped
 * whole, so `<!-- <a> -->` before a DOCTYPE, or `<!DOCTYPE` inside a comment, cannot mislead
 * it. Outside those, any `<!` opens a markup declaration (DOCTYPE, ENTITY, ELEMENT, ATTLIST,
 * in any case), and is refused. One pass, each character looked at a bounded number of
 * times. What is malformed (an unclosed comment, say) is left to the well-formedness check.
 *
 * The same pass counts elements (and comments, PIs) and attributes: bank files run at some
 * 50 bytes an element, while `<A/>` repeated is 4, and parsing costs by the element (20 MB
 * of them kept the worker busy past its job lock). A count no statement within the size
 * limit reaches is refused here, before the validator and the parser see the file.
 */
function checkMarkup(text: string): void {
  let index = 0;
  let nodes = 0;
  const skipPast = (terminator: string, from: number): number => {
    const end = text.indexOf(terminator, from);
    return end === -1 ? text.length : end + terminator.length;
  };
  while (index < text.length) {
    const open = text.indexOf('<', index);
    if (open === -1) return;
    // Every opening tag, comment, PI or CDATA section counts; closing tags go with their element.
    if (text[open + 1] !== '/' && ++nodes > MAX_XML_NODES) {
      throw new StatementFormatError(
        `more than ${MAX_XML_NODES} XML elements, comments or instructions, more than a statement of ${MAX_STATEMENT_BYTES} bytes holds`,
        positionAt(text, open),
      );
    }
    if (text.startsWith('<!--', open)) {
      index = skipPast('-->', open + 4);
    } else if (text.startsWith('<![CDATA[', open)) {
      index = skipPast(']]>', open + 9);
    } else if (text.startsWith('<?', open)) {
      index = skipPast('?>', open + 2);
    } else if (text.startsWith('<!', open)) {
      const keyword = /^<!\s*([A-Za-z]*)/.exec(text.slice(open, open + 20))?.[1] ?? '';
      throw new StatementFormatError(
        `a ${keyword.toUpperCase() || 'markup'} declaration is not allowed in a bank statement`,
        positionAt(text, open),
      );
    } else {
      const tag = endOfTag(text, open + 1);
      if (tag.attributes > MAX_XML_ATTRIBUTES) {
        throw new StatementFormatError(
          `an element with ${tag.attributes} attributes, more than the ${MAX_XML_ATTRIBUTES} a statement's elements have`,
          positionAt(text, open),
        );
      }
      index = tag.end;
    }
  }
}

/**
 * Past the `>` closing the tag opened before `from` (a `>` inside a quoted value does not
 * close it), with the number of its attributes (its `=` outside quotes).
 */
function endOfTag(text: string, from: number): { end: number; attributes: number } {
  let quote: string | null = null;
  let attributes = 0;
  for (let index = from; index < text.length; index += 1) {
    const character = text[index];
    if (quote !== null) {
      if (character === quote) quote = null;
    } else if (character === '"' || character === "'") {
      quote = character;
    } else if (character === '=') {
      attributes += 1;
    } else if (character === '>') {
      return { end: index + 1, attributes };
    } else if (character === '<') {
      // A tag left open: read the `<` again as the start of whatever follows.
      return { end: index, attributes };
    }
  }
  return { end: text.length, attributes };
}

function checkWellFormed(text: string): void {
  const result = XMLValidator.validate(text);
  if (result === true) return;
  const { msg, line, col } = result.err;
  // Tags still open at the end mean a truncated file: say so, and point at its end rather
  // than at the opening tag the validator names.
  const unclosed = /^Invalid '(\[.*\])' found\.$/s.exec(msg) ?? /^Unclosed tag '(.*)'\.$/.exec(msg);
  if (unclosed) {
    throw new StatementFormatError(
      `the file ends before the XML is complete (still open: ${openTags(unclosed[1])}); it may be truncated`,
      endPosition(text),
    );
  }
  throw new StatementFormatError(
    `not well-formed XML: ${msg}`,
    `line ${line}, column ${typeof col === 'number' ? col : 1}`,
  );
}

/**
 * The validator lists open tags as a JSON array, or names a single one. A file can leave
 * thousands open: the path keeps its first and last few, which say where it was cut.
 */
function openTags(listed: string): string {
  const shown = (path: string) =>
    path.length > 300 ? `${path.slice(0, 150)}…${path.slice(-150)}` : path;
  if (!listed.startsWith('[')) return shown(listed);
  try {
    const names: unknown = JSON.parse(listed);
    if (Array.isArray(names) && names.every((name) => typeof name === 'string')) {
      if (names.length <= 12) return shown(names.join('/'));
      const omitted = names.length - 8;
      return shown(`${names.slice(0, 4).join('/')}/…${omitted} more…/${names.slice(-4).join('/')}`);
    }
  } catch {
    // Not the expected list: show it as the validator wrote it.
  }
  return shown(listed);
}

/**
 * XML's five predefined entities and character references, nothing else: entities declared in
 * a DOCTYPE are never expanded, so no entity can grow the document.
 */
const XML_ENTITIES: EntityDecoderOptions = {
  setExternalEntities: () => undefined,
  addInputEntities: () => undefined,
  reset: () => undefined,
  setXmlVersion: () => undefined,
  decode: (value) =>
    value.replace(
      /&(?:#(\d{1,7})|#x([0-9A-Fa-f]{1,6})|(amp|lt|gt|quot|apos));/g,
      (whole, decimal?: string, hexadecimal?: string, name?: string) => {
        if (name) return PREDEFINED[name];
        const codePoint = decimal ? Number(decimal) : parseInt(hexadecimal ?? '', 16);
        const valid =
          codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
        return valid ? String.fromCodePoint(codePoint) : whole;
      },
    ),
};
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function readDocument(text: string): { document: XmlElement; namespace: string | null } {
  let root: { name: string; attributes: Record<string, string> } | null = null;
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    // Prefixes are removed below rather than by removeNSPrefix, which would also drop the
    // root's xmlns attributes that tell which message this is.
    removeNSPrefix: false,
    parseTagValue: false,
    parseAttributeValue: false,
    entityDecoder: XML_ENTITIES,
    isArray: (name) => REPEATED.has(name),
    // Returning undefined keeps the value as read; the check only refuses.
    tagValueProcessor: (name, value, path) => refuseLongValue(value, path, name),
    attributeValueProcessor: (name, value, path) => refuseLongValue(value, path, `@${name}`),
    updateTag: (name, _path, attributes) => {
      if (root === null && !name.startsWith('?')) root = { name, attributes };
      return localName(name);
    },
  });
  let parsed: unknown;
  try {
    parsed = parser.parse(text);
  } catch (error) {
    if (error instanceof StatementFormatError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new StatementFormatError(`cannot read the XML: ${reason}`, null);
  }
  const found = root as { name: string; attributes: Record<string, string> } | null;
  const document = isElement(parsed) ? parsed.Document : undefined;
  if (!found || localName(found.name) !== 'Document' || document === undefined) {
    throw new StatementFormatError(
      `not an ISO 20022 document: the root element is <${found?.name ?? ''}>, not <Document>`,
      null,
    );
  }
  // A prefixed root (`<ns2:Document xmlns:ns2="…">`) takes its namespace from its prefix.
  const colon = found.name.indexOf(':');
  const declaration = colon === -1 ? '@_xmlns' : `@_xmlns:${found.name.slice(0, colon)}`;
  const namespace = found.attributes[declaration]?.trim() ?? null;
  if (Array.isArray(document)) throw new StatementFormatError('several Document roots', null);
  return { document: asElement(document, 'Document'), namespace };
}

/**
 * camt.053's longest text is Max500Text (AddtlNtryInf, AddtlTxInf); names and remittance
 * lines are Max140Text, references Max35Text. A value far longer is no bank's: it would be
 * stored, shown and compared with every organisation's name, so it is refused where it
 * stands rather than carried along.
 */
export const MAX_CAMT_VALUE_CHARACTERS = 1_000;

/** Banks send one to four lines of remittance text; the lines are joined into one value. */
const MAX_REMITTANCE_LINES = 100;

function refuseLongValue(value: unknown, path: unknown, name: string): undefined {
  if (typeof value === 'string' && value.length > MAX_CAMT_VALUE_CHARACTERS) {
    const where = typeof path === 'string' ? path.split('.').map(localName).join('/') : name;
    throw new StatementFormatError(
      `a value of ${value.length} characters, more than the ${MAX_CAMT_VALUE_CHARACTERS} any camt.053 field holds`,
      name.startsWith('@') ? `${where}/${name}` : where,
    );
  }
  return undefined;
}

function camtVersion(namespace: string | null): string {
  const match = namespace === null ? null : CAMT053_NAMESPACE.exec(namespace);
  if (!match) {
    const found = namespace === null ? 'no namespace' : `the namespace "${namespace}"`;
    throw new StatementFormatError(
      `not a camt.053 statement (versions 001.02 to 001.08): the document has ${found}`,
      'Document',
    );
  }
  return `001.${match[1]}`;
}

// ---------------------------------------------------------------------------------------------
// Statements and entries

interface EntryContext {
  path: string;
  accountIban: string | null;
  bookingDate: string;
  valueDate: string | null;
  currency: string;
  acctSvcrRef: string | null;
  ntryRef: string | null;
  addtlNtryInf: string | null;
}

interface TransactionShape {
  amountCents: number;
  direction: Direction;
  /** The indicator as the bank wrote it, before a reversal flips it: it says who paid whom. */
  writtenDirection: Direction;
  batchPosition: number | null;
}

function readStatement(statement: XmlElement, path: string): ParsedTransaction[] {
  const accountIban = readAccountIban(statement, path);
  return all(statement, 'Ntry').flatMap((node, index) => {
    const entryPath = `${path}/Ntry[${index + 1}]`;
    return readEntry(asElement(node, entryPath), entryPath, accountIban);
  });
}

/**
 * `Acct/Id/IBAN`; some banks put the IBAN in `Acct/Id/Othr/Id` instead (as the v8 sample
 * does), which is taken only when its IBAN check digits hold.
 */
function readAccountIban(statement: XmlElement, path: string): string | null {
  const id = followElements(statement, ['Acct', 'Id'], path);
  if (!id) return null;
  const iban = childText(id, 'IBAN', `${path}/Acct/Id`);
  if (iban !== null) return compactReference(iban);
  const other = childElement(id, 'Othr', `${path}/Acct/Id`);
  const otherId = other
    ? compactReference(childText(other, 'Id', `${path}/Acct/Id/Othr`) ?? '')
    : null;
  return otherId !== null && isValidIban(otherId) ? otherId : null;
}

function readEntry(
  entry: XmlElement,
  path: string,
  accountIban: string | null,
): ParsedTransaction[] {
  // Pending and information-only entries moved no money (and often have no booking date).
  if (!isBooked(entry, path)) return [];
  const { cents, currency } = readAmount(entry, path);
  const writtenDirection = readIndicator(entry, path);
  const reversal = readReversal(entry, path);
  const bookingDate = readEntryDate(entry, 'BookgDt', path);
  const valueDate = readEntryDate(entry, 'ValDt', path);
  // Nor did a zero entry move money, and a transaction is a positive amount.
  if (cents === 0 || bookingDate === null) return [];

  // A reversal undoes an earlier booking, so its money goes the other way: a reversed
  // credit (a returned or cancelled incoming transfer) is money leaving the account. We
  // read CdtDbtInd as the direction of the booking being reversed, as banks that report
  // cancellations this way do. Note: ISO's usage rule for RvslInd instead says CdtDbtInd
  // already gives the reversal's own direction; check against the Chambre's bank.
  const direction = reversal ? opposite(writtenDirection) : writtenDirection;
  const context: EntryContext = {
    path,
    accountIban,
    bookingDate,
    valueDate,
    currency,
    acctSvcrRef: childText(entry, 'AcctSvcrRef', path),
    ntryRef: childText(entry, 'NtryRef', path),
    addtlNtryInf: childText(entry, 'AddtlNtryInf', path),
  };

  const details = transactionDetails(entry, path);
  if (details.length <= 1) {
    // One transaction: the entry's amount is what moved; a TxDtls/Amt may be an instructed
    // amount in another currency (or the 0 SEK some banks send), so it is not read.
    const [only] = details;
    return [
      buildTransaction(context, only?.node, only?.path ?? path, path, false, {
        amountCents: cents,
        direction,
        writtenDirection,
        batchPosition: null,
      }),
    ];
  }
  return splitBatch(context, details, cents, writtenDirection, reversal);
}

/** A batched entry (one credit of 300 € for three transfers) becomes one line per transfer. */
function splitBatch(
  context: EntryContext,
  details: { node: XmlElement; path: string }[],
  entryCents: number,
  entryDirection: Direction,
  reversal: boolean,
): ParsedTransaction[] {
  let signedSum = 0;
  const transactions = details.map(({ node, path }, index) => {
    const amountCents = readDetailAmount(node, path, context.currency);
    // A detail may carry its own indicator (a fee inside a batch of credits, say).
    const writtenDirection =
      node.CdtDbtInd === undefined ? entryDirection : readIndicator(node, path);
    signedSum += writtenDirection === entryDirection ? amountCents : -amountCents;
    return buildTransaction(context, node, path, path, true, {
      amountCents,
      direction: reversal ? opposite(writtenDirection) : writtenDirection,
      writtenDirection,
      batchPosition: index + 1,
    });
  });
  if (signedSum !== entryCents) {
    throw new StatementFormatError(
      `the ${details.length} transactions of the entry add up to ${formatCents(signedSum)} ${context.currency}, the entry is ${formatCents(entryCents)} ${context.currency}`,
      context.path,
    );
  }
  return transactions;
}

function buildTransaction(
  context: EntryContext,
  detail: XmlElement | undefined,
  detailPath: string,
  source: string,
  split: boolean,
  shape: TransactionShape,
): ParsedTransaction {
  const details = detail ?? {};
  const remittance = readRemittance(details, detailPath, context, split);
  return {
    accountIban: context.accountIban,
    bookingDate: context.bookingDate,
    valueDate: context.valueDate,
    amountCents: shape.amountCents,
    direction: shape.direction,
    currency: context.currency,
    bankReference: readBankReference(
      details,
      detailPath,
      context,
      split ? shape.batchPosition : null,
    ),
    batchPosition: shape.batchPosition,
    ...readCounterparty(details, detailPath, shape.writtenDirection),
    remittanceInfo: remittance.text,
    creditorReference: remittance.creditorReference,
    source,
  };
}

/** The payer of a credit is the debtor; the payee of a debit, the creditor. */
function readCounterparty(
  detail: XmlElement,
  path: string,
  writtenDirection: Direction,
): { counterpartyName: string | null; counterpartyIban: string | null } {
  const partiesPath = `${path}/RltdPties`;
  const parties = childElement(detail, 'RltdPties', path);
  if (!parties) return { counterpartyName: null, counterpartyIban: null };
  const role = writtenDirection === 'credit' ? 'Dbtr' : 'Cdtr';
  const name =
    partyName(parties, role, partiesPath) ?? partyName(parties, `Ultmt${role}`, partiesPath);
  const account = followElements(parties, [`${role}Acct`, 'Id'], partiesPath);
  const iban = account ? childText(account, 'IBAN', `${partiesPath}/${role}Acct/Id`) : null;
  return {
    counterpartyName: name,
    counterpartyIban: iban === null ? null : compactReference(iban),
  };
}

/** `Nm` directly under the party (up to v7) or under its `Pty` (v8). */
function partyName(parties: XmlElement, role: string, path: string): string | null {
  const party = childElement(parties, role, path);
  if (!party) return null;
  const partyPath = `${path}/${role}`;
  const name = childText(party, 'Nm', partyPath);
  if (name !== null) return collapseWhitespace(name);
  const inner = childElement(party, 'Pty', partyPath);
  const innerName = inner ? childText(inner, 'Nm', `${partyPath}/Pty`) : null;
  return innerName === null ? null : collapseWhitespace(innerName);
}

function readRemittance(
  detail: XmlElement,
  path: string,
  context: EntryContext,
  split: boolean,
): { text: string | null; creditorReference: string | null } {
  const remittancePath = `${path}/RmtInf`;
  const remittance = childElement(detail, 'RmtInf', path);
  const unstructured = remittance ? all(remittance, 'Ustrd') : [];
  if (unstructured.length > MAX_REMITTANCE_LINES) {
    throw new StatementFormatError(
      `${unstructured.length} Ustrd lines, more than the ${MAX_REMITTANCE_LINES} a transfer's text may have`,
      remittancePath,
    );
  }
  const lines = remittance
    ? unstructured.map((node, index) => textOf(node, `${remittancePath}/Ustrd[${index + 1}]`))
    : [];
  const ownText =
    collapseWhitespace(lines.join(' ')) ??
    collapseWhitespace(childText(detail, 'AddtlTxInf', path) ?? '');
  const text = ownText ?? collapseWhitespace(context.addtlNtryInf ?? '');

  let creditorReference: string | null = null;
  if (remittance) {
    for (const [index, node] of all(remittance, 'Strd').entries()) {
      const structuredPath = `${remittancePath}/Strd[${index + 1}]`;
      const info = childElement(asElement(node, structuredPath), 'CdtrRefInf', structuredPath);
      const reference = info ? childText(info, 'Ref', `${structuredPath}/CdtrRefInf`) : null;
      creditorReference = reference === null ? null : compactReference(reference);
      if (creditorReference !== null) break;
    }
  }
  // Payers often type the invoice's RF reference in the free text instead of the structured
  // field; it identifies the invoice just as well once its check digits hold. The entry's
  // own text speaks for the whole batch, so a split line reads only its transaction's text.
  const searched = split ? ownText : text;
  creditorReference ??= searched === null ? null : findRfReference(searched);
  return { text, creditorReference };
}

/**
 * The bank's own reference recognises a line imported before, so it must be distinct and
 * stable: the transaction's AcctSvcrRef, else the entry's (suffixed `#position` for a split
 * line), else the payer's EndToEndId (unique only by the payer's care), else the NtryRef.
 */
function readBankReference(
  detail: XmlElement,
  path: string,
  context: EntryContext,
  batchPosition: number | null,
): string | null {
  const refs = childElement(detail, 'Refs', path);
  const own = refs ? childText(refs, 'AcctSvcrRef', `${path}/Refs`) : null;
  const endToEnd = refs ? childText(refs, 'EndToEndId', `${path}/Refs`) : null;
  const suffix = batchPosition === null ? '' : `#${batchPosition}`;
  if (own !== null) return own;
  if (context.acctSvcrRef !== null) return context.acctSvcrRef + suffix;
  if (endToEnd !== null && endToEnd.toUpperCase() !== 'NOTPROVIDED') return endToEnd;
  if (context.ntryRef !== null) return context.ntryRef + suffix;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Values

function isBooked(entry: XmlElement, path: string): boolean {
  const statusPath = `${path}/Sts`;
  const node = one(entry, 'Sts', path);
  if (node === undefined) throw new StatementFormatError('no entry status', statusPath);
  // Up to v7 the code is the element's text; from v8 it sits in Cd (or Prtry).
  let code: string | null;
  if (typeof node === 'string') code = node.trim();
  else code = childText(node, 'Cd', statusPath) ?? childText(node, 'Prtry', statusPath);
  const status = (code ?? '').toUpperCase();
  if (status === 'BOOK') return true;
  if (NOT_BOOKED.has(status)) return false;
  throw new StatementFormatError(`unknown entry status "${code ?? ''}"`, statusPath);
}

function readAmount(parent: XmlElement, path: string): { cents: number; currency: string } {
  const amountPath = `${path}/Amt`;
  const node = one(parent, 'Amt', path);
  if (node === undefined) throw new StatementFormatError('no amount', amountPath);
  const value = textOf(node, amountPath).trim();
  const currency = typeof node === 'string' ? undefined : node['@_Ccy'];
  if (typeof currency !== 'string') {
    throw new StatementFormatError('the amount has no Ccy attribute', amountPath);
  }
  if (!/^[A-Z]{3}$/.test(currency.trim())) {
    throw new StatementFormatError(`not a currency code: "${currency}"`, amountPath);
  }
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) throw new StatementFormatError(`not an amount: "${value}"`, amountPath);
  // camt allows up to five decimals; zeros past the cents are padding, anything else is not
  // a euro amount this system can hold.
  const result = centsFromDigits(match[1], match[2] ?? '', true);
  if ('problem' in result) {
    throw new StatementFormatError(`the amount "${value}" ${result.problem}`, amountPath);
  }
  return { cents: result.cents, currency: currency.trim() };
}

/** A split line's own amount, in the entry's currency: TxDtls/Amt, else AmtDtls/TxAmt/Amt. */
function readDetailAmount(detail: XmlElement, path: string, currency: string): number {
  const candidates: [XmlElement, string][] = [[detail, path]];
  const transactionAmount = followElements(detail, ['AmtDtls', 'TxAmt'], path);
  if (transactionAmount) candidates.push([transactionAmount, `${path}/AmtDtls/TxAmt`]);
  for (const [parent, parentPath] of candidates) {
    if (parent.Amt === undefined) continue;
    const amount = readAmount(parent, parentPath);
    if (amount.currency === currency && amount.cents > 0) return amount.cents;
  }
  throw new StatementFormatError(
    `a transaction of a batched entry has no amount in ${currency} (TxDtls/Amt or AmtDtls/TxAmt/Amt)`,
    path,
  );
}

function readIndicator(parent: XmlElement, path: string): Direction {
  const indicatorPath = `${path}/CdtDbtInd`;
  const value = childText(parent, 'CdtDbtInd', path);
  if (value === 'CRDT') return 'credit';
  if (value === 'DBIT') return 'debit';
  throw new StatementFormatError(
    value === null ? 'no credit/debit indicator' : `"${value}" is neither CRDT nor DBIT`,
    indicatorPath,
  );
}

function readReversal(entry: XmlElement, path: string): boolean {
  const value = childText(entry, 'RvslInd', path);
  if (value === null || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new StatementFormatError(`"${value}" is not a boolean`, `${path}/RvslInd`);
}

/** BookgDt (required) or ValDt: `Dt`, or the date part of `DtTm` as the bank wrote it. */
function readEntryDate(entry: XmlElement, name: 'BookgDt' | 'ValDt', path: string): string | null {
  const datePath = `${path}/${name}`;
  const node = childElement(entry, name, path);
  if (!node) {
    if (name === 'ValDt') return null;
    throw new StatementFormatError('no booking date', datePath);
  }
  const date = childText(node, 'Dt', datePath);
  if (date !== null) {
    // xs:date may carry a time-zone suffix; the calendar day is what the bank booked.
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$/.exec(date);
    const value = match ? calendarDate(+match[1], +match[2], +match[3]) : null;
    if (value === null) throw new StatementFormatError(`not a date: "${date}"`, `${datePath}/Dt`);
    return value;
  }
  const dateTime = childText(node, 'DtTm', datePath);
  if (dateTime !== null) {
    const match = /^(\d{4})-(\d{2})-(\d{2})T/.exec(dateTime);
    const value = match ? calendarDate(+match[1], +match[2], +match[3]) : null;
    if (value === null) {
      throw new StatementFormatError(`not a date and time: "${dateTime}"`, `${datePath}/DtTm`);
    }
    return value;
  }
  throw new StatementFormatError('neither Dt nor DtTm', datePath);
}

// ---------------------------------------------------------------------------------------------
// Reading the tree: every accessor knows the path it stands at, for messages

function transactionDetails(entry: XmlElement, path: string): { node: XmlElement; path: string }[] {
  const details: { node: XmlElement; path: string }[] = [];
  for (const [index, node] of all(entry, 'NtryDtls').entries()) {
    const group = asElement(node, `${path}/NtryDtls[${index + 1}]`);
    // Numbered across NtryDtls groups, so positions run 1..n over the whole entry.
    for (const detail of all(group, 'TxDtls')) {
      const detailPath = `${path}/TxDtls[${details.length + 1}]`;
      details.push({ node: asElement(detail, detailPath), path: detailPath });
    }
  }
  return details;
}

function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function all(parent: XmlElement, name: string): XmlNode[] {
  const value = Object.hasOwn(parent, name) ? parent[name] : undefined;
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function one(parent: XmlElement, name: string, path: string): XmlNode | undefined {
  const nodes = all(parent, name);
  if (nodes.length > 1) {
    throw new StatementFormatError(`${name} appears ${nodes.length} times`, `${path}/${name}`);
  }
  return nodes[0];
}

function asElement(node: XmlNode, path: string): XmlElement {
  if (typeof node !== 'string') return node;
  if (node.trim() === '') return {};
  throw new StatementFormatError(`expected child elements, found the text "${node}"`, path);
}

function textOf(node: XmlNode, path: string): string {
  if (typeof node === 'string') return node;
  const text = node['#text'];
  if (typeof text === 'string') return text;
  if (Object.keys(node).some((key) => !key.startsWith('@_'))) {
    throw new StatementFormatError('expected a value, found child elements', path);
  }
  return '';
}

function childElement(parent: XmlElement, name: string, path: string): XmlElement | undefined {
  const node = one(parent, name, path);
  return node === undefined ? undefined : asElement(node, `${path}/${name}`);
}

/** The child's trimmed text, null when absent or empty. */
function childText(parent: XmlElement, name: string, path: string): string | null {
  const node = one(parent, name, path);
  if (node === undefined) return null;
  const text = textOf(node, `${path}/${name}`).trim();
  return text === '' ? null : text;
}

function followElements(parent: XmlElement, names: string[], path: string): XmlElement | undefined {
  let current: XmlElement | undefined = parent;
  let currentPath = path;
  for (const name of names) {
    if (!current) return undefined;
    current = childElement(current, name, currentPath);
    currentPath = `${currentPath}/${name}`;
  }
  return current;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

function opposite(direction: Direction): Direction {
  return direction === 'credit' ? 'debit' : 'credit';
}

function formatCents(cents: number): string {
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${cents < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

function positionAt(text: string, index: number): string {
  const before = text.slice(0, index);
  const lines = before.split(/\r\n|\r|\n/);
  return `line ${lines.length}, column ${lines[lines.length - 1].length + 1}`;
}

function endPosition(text: string): string {
  return positionAt(text, text.length);
}
