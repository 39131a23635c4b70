import { execFileSync } from 'node:child_process';
import path from 'node:path';

// pdfjs-dist is ESM only, which Jest cannot load from CommonJS: a child Node process reads the
// PDF from stdin and prints the text of each page, one string per printed line (the parts of a
// line joined by a space where they are apart).
const EXTRACT_TEXT = `
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), verbosity: 0 }).promise;
const lines = [];
for (let number = 1; number <= pdf.numPages; number += 1) {
  const page = await pdf.getPage(number);
  const rows = new Map();
  for (const item of (await page.getTextContent()).items) {
    if (!item.str) continue;
    const y = Math.round(item.transform[5]);
    rows.set(y, [...(rows.get(y) ?? []), { x: item.transform[4], width: item.width, str: item.str }]);
  }
  for (const [, parts] of [...rows.entries()].sort(([a], [b]) => b - a)) {
    let text = '';
    let end = -Infinity;
    for (const part of parts.sort((a, b) => a.x - b.x)) {
      text += (text && part.x - end > 1 ? ' ' : '') + part.str;
      end = part.x + part.width;
    }
    lines.push(text);
  }
}
process.stdout.write(JSON.stringify(lines));
`;

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** The lines of text a PDF prints, top to bottom and page after page. */
export function pdfLines(pdf: Buffer): string[] {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', EXTRACT_TEXT], {
    cwd: REPO_ROOT,
    input: pdf,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(output.toString('utf8')) as string[];
}
