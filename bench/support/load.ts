import autocannon from 'autocannon';

/** What one autocannon run measured, in the units the bench tables print. */
export interface LoadFigures {
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  url: string;
  /** Concurrent connections (closed loop) … */
  connections?: number;
  /** … or a fixed rate in requests per second over all connections (open loop). */
  rate?: number;
  durationSeconds?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Several request shapes, taken in turn (e.g. typical searches). */
  requests?: {
    method?: 'GET' | 'POST';
    path: string;
    headers?: Record<string, string>;
    body?: string;
  }[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * Runs autocannon and keeps the figures the scenarios compare. Percentiles are computed from
 * every response time (autocannon's own summary has no p95).
 */
export function load(options: LoadOptions): Promise<LoadFigures> {
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    // autocannon takes an explicit `undefined` as a value: set only what was given.
    const settings: autocannon.Options = {
      url: options.url,
      connections: options.connections ?? 10,
      duration: options.durationSeconds ?? 10,
    };
    if (options.method) settings.method = options.method;
    if (options.headers) settings.headers = options.headers;
    if (options.body) settings.body = options.body;
    if (options.requests) settings.requests = options.requests;
    if (options.rate) settings.overallRate = options.rate;
    const instance = autocannon(settings, (error, result) => {
      if (error) return reject(error);
      times.sort((a, b) => a - b);
      resolve({
        requestsPerSecond: result.requests.average,
        p50Ms: percentile(times, 50),
        p95Ms: percentile(times, 95),
        p99Ms: percentile(times, 99),
        maxMs: times[times.length - 1] ?? Number.NaN,
        requests: result.requests.total,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
      });
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}
