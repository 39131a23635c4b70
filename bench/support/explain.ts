import { Client } from 'pg';
import { median, round, timed } from './stats';

export interface Statement {
  sql: string;
  parameters: unknown[];
}

export interface PlanMeasure {
  /** Median "Execution Time" of the EXPLAIN ANALYZE runs, in ms. */
  executionMs: number;
  /** Median "Planning Time" of the EXPLAIN ANALYZE runs, in ms. */
  planningMs: number;
  /** Median wall time of plain executions seen from the client (round trip included), in ms. */
  wallMs: number;
  /** Rows the statement returns. */
  rows: number;
  /** Index names the plan reads, in plan order. */
  indexes: string[];
  /** Tables read by a sequential scan. */
  seqScans: string[];
  /**
   * Subqueries run once into a hash table rather than once per outer row: they read every
   * row matching their own conditions, whatever the page size.
   */
  hashedSubPlans: number;
  /** Time spent compiling the plan with JIT in the last run (0 without JIT), in ms. */
  jitMs: number;
  /** The plan of the last EXPLAIN (ANALYZE, BUFFERS) run. */
  plan: string;
}

const EXECUTION = /^Execution Time: ([\d.]+) ms$/m;
const PLANNING = /^Planning Time: ([\d.]+) ms$/m;
const INDEX = /(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) (\S+)/g;
const SEQ_SCAN = /Seq Scan on (\S+)/g;
const JIT = /^\s*Timing: Generation .* Total ([\d.]+) ms$/m;

function unique(matches: IterableIterator<RegExpMatchArray>): string[] {
  return [...new Set([...matches].map((match) => match[1]))];
}

/**
 * Runs the statement once to warm the cache, then `runs` times under
 * EXPLAIN (ANALYZE, BUFFERS) and `runs` times plainly, with the same parameters the
 * application sends (an unnamed prepared statement, so planned for these values).
 */
export async function measurePlan(
  client: Client,
  statement: Statement,
  runs = 5,
): Promise<PlanMeasure> {
  const first = await client.query(statement.sql, statement.parameters);
  const executions: number[] = [];
  const plannings: number[] = [];
  let plan = '';
  for (let run = 0; run < runs; run += 1) {
    const explained = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${statement.sql}`,
      statement.parameters,
    );
    plan = explained.rows.map((row) => row['QUERY PLAN']).join('\n');
    executions.push(Number(EXECUTION.exec(plan)?.[1] ?? Number.NaN));
    plannings.push(Number(PLANNING.exec(plan)?.[1] ?? Number.NaN));
  }
  const walls: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    walls.push((await timed(() => client.query(statement.sql, statement.parameters))).ms);
  }
  return {
    executionMs: round(median(executions), 3),
    planningMs: round(median(plannings), 3),
    wallMs: round(median(walls), 3),
    rows: first.rowCount ?? first.rows.length,
    indexes: unique(plan.matchAll(INDEX)),
    seqScans: unique(plan.matchAll(SEQ_SCAN)),
    hashedSubPlans: [...plan.matchAll(/hashed SubPlan \d+/g)].length,
    jitMs: Number(JIT.exec(plan)?.[1] ?? 0),
    plan,
  };
}
