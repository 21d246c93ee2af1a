// In-process notifications: "environment X has new events or a new status". Subscribers then read the
// database, so a browser tab costs a cheap query per change, never a call to AWS.
import { EventEmitter } from "node:events";

export class EnvironmentEventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Hundreds of browser tabs may watch one environment.
    this.emitter.setMaxListeners(0);
  }

  /** Notifications so far per environment: a read started before the latest one may have missed rows. */
  private readonly versions = new Map<string, number>();

  notify(environmentId: string): void {
    this.versions.set(environmentId, this.version(environmentId) + 1);
    this.emitter.emit(environmentId);
  }

  version(environmentId: string): number {
    return this.versions.get(environmentId) ?? 0;
  }

  subscribe(environmentId: string, listener: () => void): () => void {
    this.emitter.on(environmentId, listener);
    return () => this.emitter.off(environmentId, listener);
  }

  /** Resolves on the next notification, after timeoutMs, or when the signal aborts. */
  next(environmentId: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      const unsubscribe = this.subscribe(environmentId, done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }
}
