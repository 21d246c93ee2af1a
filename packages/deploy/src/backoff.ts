// Retries an AWS call while it is throttled: exponential backoff with full jitter, so many pollers
// backing off at once do not retry in lockstep.
import { isThrottling } from "./errors.js";

export interface BackoffOptions {
  retries?: number;
  baseMs?: number;
  maxMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits ms, or less if the signal aborts first (a stopping tracker must not hang for a whole interval). */
export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

export function backoffDelay(
  attempt: number,
  { baseMs = 500, maxMs = 20_000, random = Math.random }: BackoffOptions = {},
) {
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** attempt));
}

export async function withThrottlingRetry<T>(
  call: () => Promise<T>,
  options: BackoffOptions = {},
): Promise<T> {
  const retries = options.retries ?? 6;
  const wait = options.sleep ?? sleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isThrottling(error) || attempt >= retries) throw error;
      await wait(backoffDelay(attempt, options));
    }
  }
}
