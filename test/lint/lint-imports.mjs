// Lints import lines with the project's own eslint.config.mjs, for test/lint/boundaries.spec.ts:
// Jest cannot load an ES module config in its sandbox, so the spec runs this in plain Node.
// Reads [{ filePath, code }] as JSON on stdin; writes, for each, the import rule's messages.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const samples = JSON.parse(
  await new Promise((resolve) => {
    let input = '';
    process.stdin.on('data', (chunk) => (input += chunk));
    process.stdin.on('end', () => resolve(input));
  }),
);
const eslint = new ESLint({
  cwd: fileURLToPath(new URL('../..', import.meta.url)),
  // The samples are not files of the TypeScript project: parse them without type information,
  // and run only the rule under test.
  overrideConfig: [{ languageOptions: { parserOptions: { projectService: false } } }],
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
});
const results = [];
for (const { filePath, code } of samples) {
  const [result] = await eslint.lintText(code, { filePath });
  results.push(result.messages.map(({ ruleId, message }) => ({ ruleId, message })));
}
process.stdout.write(JSON.stringify(results));
