import MarkdownIt from 'markdown-it';

// Raw HTML is escaped, not passed through, and markdown-it refuses javascript:, vbscript:,
// file: and data: links (but images): what consultants write cannot run in a member's browser.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));

markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index].attrSet('rel', 'noopener noreferrer nofollow');
  tokens[index].attrSet('target', '_blank');
  return defaultLinkOpen(tokens, index, options, env, self);
};

/** The description of an offering as safe HTML. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
