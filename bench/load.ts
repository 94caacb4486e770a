// The load generator: a fixed number of GET requests at a fixed concurrency over keep-alive
// connections, with Node's own http client, so the bench needs nothing installed.
import http from 'node:http';

export interface LoadOptions {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The path of the i-th request (lets the item page walk over many slugs). */
  path: (i: number) => string;
  count: number;
  concurrency: number;
  /** Stop early after this long; the result says how many requests were made. */
  maxSeconds: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  firstError?: string;
}

// Like a browser: a compressed answer is welcome. Bodies are read but not decompressed.
const HEADERS = { 'Accept-Encoding': 'gzip', Accept: 'text/html,application/json' };

/** One request: milliseconds to the last byte, and the status (0 on a network error). */
function get(agent: http.Agent, origin: string, path: string): Promise<{ ms: number; status: number; error?: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.get(new URL(path, origin), { agent, headers: HEADERS }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0 }));
      res.on('error', (e) => resolve({ ms: performance.now() - started, status: 0, error: e.message }));
    });
    req.on('error', (e) => resolve({ ms: performance.now() - started, status: 0, error: e.message }));
  });
}

/** The value below which a share q of the sorted samples fall (nearest rank). */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Runs the load; any status other than 200 counts as an error. */
export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + o.maxSeconds * 1000;
  const worker = async () => {
    while (next < o.count && performance.now() < deadline) {
      const path = o.path(next++);
      const r = await get(agent, o.origin, path);
      latencies.push(r.ms);
      if (r.status !== 200) {
        errors++;
        firstError ??= `${path}: ${r.error ?? `status ${r.status}`}`;
      }
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? NaN,
    ...(firstError ? { firstError } : {}),
  };
}
