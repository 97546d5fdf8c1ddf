import type { FlagSourceEvent } from './flag-source.js';

/**
 * Listeners of one flag source. A source may fail before anyone subscribes
 * (a bad file at start-up), so the current failure is replayed to each new
 * subscriber; a listener that throws cannot break the source.
 */
export class Subscribers {
  private readonly listeners = new Set<(event: FlagSourceEvent) => void>();
  private failure: FlagSourceEvent | undefined;

  private readonly source: string;

  constructor(source: string) {
    this.source = source;
  }

  add(listener: (event: FlagSourceEvent) => void): () => void {
    this.listeners.add(listener);
    if (this.failure) this.deliver(listener, this.failure);
    return () => this.listeners.delete(listener);
  }

  emit(event: FlagSourceEvent): void {
    for (const listener of this.listeners) this.deliver(listener, event);
  }

  fail(message: string, error?: unknown): void {
    this.failure = { type: 'error', source: this.source, message, error };
    this.emit(this.failure);
  }

  recover(): void {
    this.failure = undefined;
  }

  private deliver(listener: (event: FlagSourceEvent) => void, event: FlagSourceEvent): void {
    try {
      listener(event);
    } catch {
      // A logging hook must never take the flag source down with it.
    }
  }
}
