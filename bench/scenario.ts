/**
 * What every bench scenario exports and returns. A scenario is a module with `run()`; the
 * runner (run.ts) prints its summary, saves the whole result as JSON and fails the process
 * when the scenario reports failures.
 */
export interface ScenarioResult {
  /** Lines the runner prints after the scenario's own output (a table, a verdict). */
  summary: string[];
  /** Acceptance checks that did not hold; non-empty makes the run exit non-zero. */
  failures: string[];
  /** Everything measured, saved as JSON for comparison between runs. */
  figures: Record<string, unknown>;
}

export interface Scenario {
  /** One line shown by `npm run bench -- --list`. */
  description: string;
  run(): Promise<ScenarioResult>;
}

/** Thrown by a scenario whose acceptance checks fail, carrying what it measured. */
export class ScenarioFailure extends Error {
  constructor(readonly result: ScenarioResult) {
    super(result.failures.join('\n'));
    this.name = 'ScenarioFailure';
  }
}
