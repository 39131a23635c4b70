import { singleLine } from './format';
import { html, httpUrl, multiline, SafeHtml } from './html';
import { Block, Inline, Link, link, MailContent, paragraph } from './mail-content';
import type { MailContext, MailLocale, RenderedMail } from './template-data';

interface LayoutWords {
  greeting: (name: string | null) => string;
  signOff: (chambreName: string) => [string, string];
  contact: string;
  preferencesQuestion: string;
  preferencesLink: string;
  /** French puts a space before a colon. */
  colon: string;
  quote: (text: string) => string;
}

const WORDS: Readonly<Record<MailLocale, LayoutWords>> = {
  fr: {
    greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    // The name alone: it may need an article (« la CRESS ») that data cannot tell us.
    signOff: (chambreName) => ['Cordialement,', chambreName],
    contact: 'Contact',
    preferencesQuestion: 'Vous ne souhaitez plus recevoir ces rappels ? ',
    preferencesLink: 'Gérer vos préférences de notification',
    colon: ' :',
    quote: (text) => `« ${text} »`,
  },
  en: {
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    signOff: (chambreName) => ['Kind regards,', `The ${chambreName} team`],
    contact: 'Contact',
    preferencesQuestion: 'Don’t want these reminders? ',
    preferencesLink: 'Manage your notification preferences',
    colon: ':',
    quote: (text) => `“${text}”`,
  },
};

// Contrast against white: text 14.7:1, muted 7.6:1, accent 6.7:1 (WCAG AA needs 4.5:1).
const COLOUR = {
  page: '#f3f4f6',
  card: '#ffffff',
  text: '#1f2937',
  muted: '#4b5563',
  accent: '#1d4ed8',
  rule: '#d1d5db',
  quoteBorder: '#6b7280',
  quoteBackground: '#f9fafb',
};

const STYLE = {
  body: `margin:0;padding:0;background-color:${COLOUR.page};`,
  card: `max-width:600px;margin:0 auto;padding:32px 24px;background-color:${COLOUR.card};color:${COLOUR.text};font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;`,
  heading: `margin:0 0 24px;font-size:22px;line-height:1.3;color:${COLOUR.text};`,
  paragraph: 'margin:0 0 16px;',
  link: `color:${COLOUR.accent};text-decoration:underline;`,
  table: 'width:100%;margin:0 0 16px;border-collapse:collapse;',
  caption: 'padding:0 0 8px;text-align:left;font-weight:bold;',
  rowHeader: `padding:6px 16px 6px 0;text-align:left;vertical-align:top;font-weight:bold;color:${COLOUR.muted};`,
  columnHeader: `padding:6px 12px 6px 0;text-align:left;vertical-align:bottom;border-bottom:2px solid ${COLOUR.rule};`,
  cell: 'padding:6px 12px 6px 0;text-align:left;vertical-align:top;',
  bodyCell: `padding:6px 12px 6px 0;text-align:left;vertical-align:top;border-bottom:1px solid ${COLOUR.rule};`,
  listIntro: 'margin:0 0 4px;',
  list: 'margin:0 0 16px;padding-left:24px;',
  quote: `margin:0 0 16px;padding:12px 16px;border-left:4px solid ${COLOUR.quoteBorder};background-color:${COLOUR.quoteBackground};`,
  actionWrapper: 'margin:24px 0;',
  button: `display:inline-block;padding:12px 24px;border-radius:6px;background-color:${COLOUR.accent};color:#ffffff;font-weight:bold;text-decoration:none;`,
  footer: `margin-top:32px;padding-top:16px;border-top:1px solid ${COLOUR.rule};font-size:14px;color:${COLOUR.muted};`,
  footerParagraph: 'margin:0 0 8px;',
};

/** Wraps a template's content with the greeting, the sign-off and the footer, in HTML and text. */
export function renderLayout(content: MailContent, context: MailContext): RenderedMail {
  const words = WORDS[context.locale];
  const name = context.recipientName?.trim() || null;
  const blocks = content.blocks.filter((block): block is Block => block !== null);
  const [closing, signature] = words.signOff(context.chambreName);
  const footer = footerBlocks(context, words);
  const subject = singleLine(content.subject);

  const htmlBody = html`<!DOCTYPE html>
    <html lang="${context.locale}" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>${subject}</title>
      </head>
      <body style="${STYLE.body}">
        <div lang="${context.locale}" style="${STYLE.card}">
          <h1 style="${STYLE.heading}">${content.heading}</h1>
          <p style="${STYLE.paragraph}">${words.greeting(name)}</p>
          ${blocks.map((block) => html`${blockHtml(block, words)} `)}
          <p style="${STYLE.paragraph}">${closing}<br />${signature}</p>
          <div style="${STYLE.footer}">
            ${footer.map((line) => html`<p style="${STYLE.footerParagraph}">${inlineHtml(line)}</p> `)}
          </div>
        </div>
      </body>
    </html> `;

  const text = [
    content.heading,
    words.greeting(name),
    ...blocks.map((block) => blockText(block, words)),
    `${closing}\n${signature}`,
    // The usual signature delimiter lets mail clients fold the footer away.
    `-- \n${footer.map((line) => inlineText(line)).join('\n')}`,
  ].join('\n\n');

  return { subject, html: htmlBody.markup, text: `${normaliseNewlines(text)}\n` };
}

function footerBlocks(context: MailContext, words: LayoutWords): Inline[][] {
  const lines: Inline[][] = [[context.chambreName]];
  if (context.chambreEmail) lines.push([`${words.contact}${words.colon} ${context.chambreEmail}`]);
  if (context.preferencesUrl !== null) {
    lines.push([words.preferencesQuestion, link(context.preferencesUrl, words.preferencesLink)]);
  }
  return lines;
}

function blockHtml(block: Block, words: LayoutWords): SafeHtml {
  switch (block.kind) {
    case 'paragraph':
      return html`<p style="${STYLE.paragraph}">${inlineHtml(block.content)}</p>`;
    case 'facts':
      return html`<table style="${STYLE.table}">
        <tbody>
          ${block.rows.map(
            (row) =>
              html`<tr>
                <th scope="row" style="${STYLE.rowHeader}">${row.label}</th>
                <td style="${STYLE.cell}">${inlineHtml(row.value)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`;
    case 'list':
      return html`${
          block.intro === null ? null : html`<p style="${STYLE.listIntro}">${block.intro}</p>`
        }
        <ul style="${STYLE.list}">
          ${block.items.map((item) => html`<li>${inlineHtml(item)}</li>`)}
        </ul>`;
    case 'quote':
      return html`<blockquote style="${STYLE.quote}">${multiline(block.text)}</blockquote>`;
    case 'action': {
      const href = httpUrl(block.url);
      if (href === null)
        return blockHtml(paragraph(`${block.label}${words.colon} ${block.url}`), words);
      return html`<p style="${STYLE.actionWrapper}">
        <a href="${href}" style="${STYLE.button}">${block.label}</a>
      </p>`;
    }
    case 'table':
      return html`<table style="${STYLE.table}">
        <caption style="${STYLE.caption}">
          ${block.caption}
        </caption>
        <thead>
          <tr>
            ${block.headers.map(
              (header) => html`<th scope="col" style="${STYLE.columnHeader}">${header}</th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${block.rows.map(
            (row) =>
              html`<tr>
                ${row.map((cell) => html`<td style="${STYLE.bodyCell}">${cell === null ? block.emptyCell : multiline(cell)}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>`;
  }
}

function inlineHtml(content: readonly Inline[]): SafeHtml {
  return html`${content.map((piece) => {
    if (typeof piece === 'string') return multiline(piece);
    if (piece.kind === 'strong') return html`<strong>${multiline(piece.text)}</strong>`;
    return linkHtml(piece);
  })}`;
}

/** A link only to an http(s) URL; anything else is shown as text, never as an href. */
function linkHtml(piece: Link): SafeHtml {
  const href = httpUrl(piece.url);
  if (href === null) return html`${linkText(piece)}`;
  return html`<a href="${href}" style="${STYLE.link}">${piece.label}</a>`;
}

function blockText(block: Block, words: LayoutWords): string {
  switch (block.kind) {
    case 'paragraph':
      return inlineText(block.content);
    case 'facts':
      return block.rows
        .map((row) => `${row.label}${words.colon} ${hanging(inlineText(row.value))}`)
        .join('\n');
    case 'list':
      return [
        ...(block.intro === null ? [] : [block.intro]),
        ...block.items.map((item) => `- ${hanging(inlineText(item))}`),
      ].join('\n');
    case 'quote':
      return words.quote(block.text);
    case 'action':
      return `${block.label}${words.colon} ${httpUrl(block.url) ?? block.url}`;
    case 'table':
      return [
        `${block.caption}${words.colon}`,
        ...block.rows.map(
          (row) => `- ${hanging(row.filter((cell): cell is string => cell !== null).join(' — '))}`,
        ),
      ].join('\n');
  }
}

function inlineText(content: readonly Inline[]): string {
  return content
    .map((piece) => {
      if (typeof piece === 'string') return piece;
      if (piece.kind === 'strong') return piece.text;
      return linkText(piece);
    })
    .join('');
}

/** In text, a link is its URL, after its label when it has one. */
function linkText(piece: Link): string {
  const url = httpUrl(piece.url) ?? piece.url;
  return piece.label === piece.url ? url : `${piece.label} (${url})`;
}

/** Indents the continuation lines of a multi-line value (an address) under its first line. */
function hanging(text: string): string {
  return normaliseNewlines(text).replace(/\n/g, '\n  ');
}

function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
