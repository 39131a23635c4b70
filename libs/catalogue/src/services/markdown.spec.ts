import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders the Markdown consultants write', () => {
    expect(renderMarkdown('## Programme\n\n- **statuts**\n- bénévolat')).toBe(
      '<h2>Programme</h2>\n<ul>\n<li><strong>statuts</strong></li>\n<li>bénévolat</li>\n</ul>\n',
    );
  });

  it('escapes raw HTML instead of passing it through', () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('refuses javascript: links and opens others safely', () => {
    expect(renderMarkdown('[clic](javascript:alert(1))')).not.toContain('href="javascript');
    expect(renderMarkdown('[CRESS](https://cress.example.fr)')).toContain(
      '<a href="https://cress.example.fr" rel="noopener noreferrer nofollow" target="_blank">CRESS</a>',
    );
  });
});
