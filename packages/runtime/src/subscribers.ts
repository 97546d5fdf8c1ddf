import type { FlagSourceEvent } from './flag-source.js';

/**
 * Listeners of one flag source. A source may fail or warn before anyone
 * subscribes (a bad file at start-up), so the current failure and the
 * warnings given before the first subscriber are replayed to each new
 * subscriber; a listener that throws cannot break the source.
 */
export class Subscribers {
  private readonly listeners = new Set<(event: FlagSourceEvent) => void>();
  private failure: FlagSourceEvent | undefined;
  // Bounded: start-up warnings are a handful, and nobody may be listening at all.
  private readonly early: FlagSourceEvent[] = [];
  private heard = false;

  private readonly source: string;

  constructor(source: string) {
    this.source = source;
  }

  add(listener: (event: FlagSourceEvent) => void): () => void {
    this.listeners.add(listener);
    this.heard = true;
    for (const event of this.early) this.deliver(listener, event);
    if (this.failure) this.deliver(listener, this.failure);
    return () => this.listeners.delete(listener);
  }

  emit(event: FlagSourceEvent): void {
    if (!this.heard && event.type === 'warning' && this.early.length < 20) this.early.push(event);
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
