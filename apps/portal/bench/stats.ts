// Summaries of benchmark samples. Nearest-rank percentiles: with a few dozen samples an interpolated p95
// would report a latency no client ever saw.

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

/** The smallest sample with at least p% of the samples at or below it (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error("percentile of no samples");
  if (!(p > 0 && p <= 100)) throw new Error(`percentile must be in (0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[rank - 1] as number;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

export function summarize(samples: readonly number[]): Summary {
  return {
    n: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: Math.max(...samples),
  };
}

/** Calls per poll interval over a measured window: the figure the third target is about. */
export function perInterval(calls: number, windowMs: number, intervalMs: number): number {
  if (windowMs <= 0 || intervalMs <= 0) throw new Error("window and interval must be positive");
  return calls / (windowMs / intervalMs);
}
