/**
 * Markup that is already safe to put in an HTML document: built by `html` (which escaped every
 * value it was given) or explicitly trusted with `raw`. Anything else is text and gets escaped.
 */
export class SafeHtml {
  constructor(readonly markup: string) {}

  toString(): string {
    return this.markup;
  }
}

/**
 * What may be interpolated in `html`: text (escaped), safe markup (kept), arrays (joined) and
 * nothing (`null`, `undefined`, `false` render as empty, so conditions can be written inline).
 */
export type HtmlValue =
  SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for element content and for quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]);
}

/** Marks our own constant markup as safe. Never pass it anything that came from data. */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return (value as readonly HtmlValue[]).map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template: the literal parts are our markup, every interpolated value is escaped. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0];
  values.forEach((value, index) => {
    markup += render(value) + strings[index + 1];
  });
  return new SafeHtml(markup);
}

/** Joins fragments with a separator, e.g. lines with `<br>`. */
export function joinHtml(values: readonly HtmlValue[], separator: SafeHtml): SafeHtml {
  return new SafeHtml(values.map(render).join(separator.markup));
}

/** Multi-line text (an address, a moderator's reason) as escaped lines separated by `<br>`. */
export function multiline(text: string): SafeHtml {
  return joinHtml(text.replace(/\r\n?/g, '\n').split('\n'), raw('<br>'));
}

/**
 * The URL, normalised, when it is an absolute http(s) URL; otherwise null, so it is shown as
 * text and never becomes a link (`javascript:`, `data:` and relative URLs are all refused).
 * The URL parser drops the tabs and newlines that could hide a scheme, before we check it.
 */
export function httpUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}
