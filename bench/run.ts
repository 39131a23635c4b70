import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Scenario, ScenarioFailure, ScenarioResult } from './scenario';

/**
 * `npm run bench` runs every scenario, `npm run bench -- <name> [<name>…]` the named ones,
 * `npm run bench -- --list` lists them. Each scenario's latest result is kept as
 * bench/results/<name>.json (one file per scenario, so the folder can be committed).
 */
const scenarios: Record<string, () => Promise<Scenario>> = {
  'search-plans': () => import('./scenarios/search-plans'),
  'catalogue-search': () => import('./scenarios/catalogue-search'),
  'booking-contention': () => import('./scenarios/booking-contention'),
  invoicing: () => import('./scenarios/invoicing'),
  'invoicing-journal': () => import('./scenarios/invoicing-journal'),
  'reconciliation-matching': () => import('./scenarios/reconciliation-matching'),
  'outbox-relay': () => import('./scenarios/outbox-relay'),
  'login-flood': () => import('./scenarios/login-flood'),
  'membership-campaign': () => import('./scenarios/membership-campaign'),
  'membership-import': () => import('./scenarios/membership-import'),
};

const RESULTS = join(__dirname, 'results');

function machine(): Record<string, unknown> {
  let commit: string | null = null;
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: __dirname, stdio: 'pipe' })
      .toString()
      .trim();
  } catch {
    commit = null;
  }
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    commit,
  };
}

function save(name: string, document: Record<string, unknown>): string {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${name}.json`);
  // Written beside then renamed, so an interrupted run never leaves half a file (*.tmp is ignored).
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(document, null, 2)}\n`);
  renameSync(temporary, file);
  return file;
}

async function runOne(name: string): Promise<boolean> {
  const scenario = await scenarios[name]();
  const startedAt = new Date();
  console.log(`\n=== ${name}: ${scenario.description}\n`);
  let result: ScenarioResult;
  let error: unknown = null;
  try {
    result = await scenario.run();
  } catch (caught) {
    if (!(caught instanceof ScenarioFailure)) throw caught;
    result = caught.result;
    error = caught;
  }
  const finishedAt = new Date();
  const failures = result.failures;
  const file = save(name, {
    scenario: name,
    startedAt: startedAt.toISOString(),
    durationMs: finishedAt.getTime() - startedAt.getTime(),
    machine: machine(),
    ok: failures.length === 0 && error === null,
    failures,
    summary: result.summary,
    figures: result.figures,
  });
  console.log(`\n--- ${name} summary\n`);
  for (const line of result.summary) console.log(line);
  const seconds = ((finishedAt.getTime() - startedAt.getTime()) / 1000).toFixed(1);
  if (failures.length > 0) {
    console.log(`\n${name} FAILED in ${seconds} s:`);
    for (const failure of failures) console.log(`  - ${failure}`);
  } else console.log(`\n${name} passed in ${seconds} s`);
  console.log(`result saved to ${file}`);
  return failures.length === 0;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    for (const [name, load] of Object.entries(scenarios)) {
      console.log(`${name}\t${(await load()).description}`);
    }
    return;
  }
  const unknown = args.filter((name) => !(name in scenarios));
  if (unknown.length > 0) {
    console.error(`Unknown scenario(s): ${unknown.join(', ')}`);
    console.error(`Known: ${Object.keys(scenarios).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const names = args.length > 0 ? args : Object.keys(scenarios);
  let ok = true;
  for (const name of names) ok = (await runOne(name)) && ok;
  if (!ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
