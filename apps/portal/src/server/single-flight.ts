// Concurrent identical reads share one query: when a stack's new events are announced, every browser
// watching it asks for "events after the same cursor" at once; one database round trip answers them all.

import "server-only";
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  /** Runs `load` for `key` unless a call for the same key is still running, whose result is then shared. */
  run(key: string, load: () => Promise<T>): Promise<T> {
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = load().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }
}
