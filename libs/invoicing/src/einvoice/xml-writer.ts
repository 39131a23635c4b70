/**
 * A small XML writer for documents whose shape we fix in code: elements in the order given,
 * attributes in the order given, no clock and no randomness, so the same tree always serialises
 * to the same bytes. Text comes from people (names, addresses, descriptions): every character
 * XML 1.0 forbids is dropped rather than written as an invalid document, and markup is escaped.
 */
export interface XmlElement {
  name: string;
  attributes: readonly (readonly [string, string])[];
  content: string | readonly XmlElement[];
}

/**
 * Children that are absent are skipped: optional terms stay optional. `''` is absent too, so that
 * `value && text(...)` leaves out an empty optional value rather than writing an empty element.
 */
export type XmlChild = XmlElement | null | undefined | false | '';

/** An element with text content: `text('ram:ID', '42', { schemeID: '0002' })`. */
export function text(
  name: string,
  value: string,
  attributes: Record<string, string> = {},
): XmlElement {
  return { name, attributes: Object.entries(attributes), content: value };
}

/** An element with children, or nothing at all when every child is absent. */
export function group(name: string, ...children: XmlChild[]): XmlElement | null {
  const present = children.filter((child): child is XmlElement => Boolean(child));
  return present.length > 0 ? { name, attributes: [], content: present } : null;
}

/** An element whose children carry the declarations of the namespaces (the root). */
export function root(
  name: string,
  namespaces: Record<string, string>,
  ...children: XmlChild[]
): XmlElement {
  return {
    name,
    attributes: Object.entries(namespaces),
    content: children.filter((child): child is XmlElement => Boolean(child)),
  };
}

/** The document as UTF-8 text with its declaration, two-space indented, ending with a newline. */
export function serializeXml(element: XmlElement): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(element, 0, lines);
  return `${lines.join('\n')}\n`;
}

function write(element: XmlElement, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  const attributes = element.attributes
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  if (typeof element.content === 'string') {
    lines.push(
      `${indent}<${element.name}${attributes}>${escapeText(element.content)}</${element.name}>`,
    );
    return;
  }
  lines.push(`${indent}<${element.name}${attributes}>`);
  for (const child of element.content) write(child, depth + 1, lines);
  lines.push(`${indent}</${element.name}>`);
}

/**
 * Characters XML 1.0 allows (§2.2): tab, line feed, carriage return, and the rest of Unicode
 * but the C0 controls, lone surrogates and U+FFFE/U+FFFF. A lone surrogate is matched as one
 * code unit: `u` flag iteration yields it alone.
 */
const FORBIDDEN = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: markup escaped, `\r\n` kept as one line break, forbidden characters dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** An attribute value: as text, plus quotes, and whitespace a parser would normalise away. */
export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
