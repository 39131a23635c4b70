import type { MailContext, MailLocale, TemplateData, TemplateName } from './template-data';

/*
 * Templates describe a message as blocks of plain strings; the layout turns the same blocks
 * into HTML (escaping every string) and into plain text. So a template cannot forget to
 * escape, and the two versions cannot drift apart.
 */

export interface Strong {
  kind: 'strong';
  text: string;
}

export interface Link {
  kind: 'link';
  url: string;
  label: string;
}

/** A piece of running text. */
export type Inline = string | Strong | Link;

export interface Fact {
  label: string;
  value: readonly Inline[];
}

export type Block =
  | { kind: 'paragraph'; content: readonly Inline[] }
  /** Label/value pairs: the date, the place, the amount… */
  | { kind: 'facts'; rows: readonly Fact[] }
  /** A bullet list, after an optional line that introduces it. */
  | { kind: 'list'; intro: string | null; items: readonly (readonly Inline[])[] }
  /** Someone else's words (a moderator's reason), shown as a quotation. */
  | { kind: 'quote'; text: string }
  /** The call to action: a button in HTML, `label: url` in text. */
  | { kind: 'action'; label: string; url: string }
  | {
      kind: 'table';
      caption: string;
      headers: readonly string[];
      rows: readonly (readonly (string | null)[])[];
      /** Shown in HTML for a null cell; null cells are left out of the text lines. */
      emptyCell: string;
    };

export interface MailContent {
  subject: string;
  heading: string;
  /** `null` entries are skipped, so optional blocks can be written as `cond ? block : null`. */
  blocks: readonly (Block | null)[];
}

export type TemplateFunction<K extends TemplateName> = (
  data: TemplateData[K],
  context: MailContext,
) => MailContent;

/** One template in every locale: a missing translation fails compilation. */
export type LocalisedTemplate<K extends TemplateName> = Readonly<
  Record<MailLocale, TemplateFunction<K>>
>;

export function strong(text: string): Strong {
  return { kind: 'strong', text };
}

export function link(url: string, label: string = url): Link {
  return { kind: 'link', url, label };
}

export function paragraph(...content: Inline[]): Block {
  return { kind: 'paragraph', content };
}

export function fact(label: string, ...value: Inline[]): Fact {
  return { label, value };
}

export function facts(rows: readonly Fact[]): Block {
  return { kind: 'facts', rows };
}

export function list(items: readonly (readonly Inline[])[], intro: string | null = null): Block {
  return { kind: 'list', intro, items };
}

export function quote(text: string): Block {
  return { kind: 'quote', text };
}

export function action(label: string, url: string): Block {
  return { kind: 'action', label, url };
}

export function table(
  caption: string,
  headers: readonly string[],
  rows: readonly (readonly (string | null)[])[],
  emptyCell: string,
): Block {
  return { kind: 'table', caption, headers, rows, emptyCell };
}
