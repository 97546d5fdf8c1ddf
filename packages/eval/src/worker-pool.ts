/**
 * Runs `work` on every item with at most `concurrency` at once. Workers pull
 * from the iterator one item at a time, so a generator of a million items
 * never has more than `concurrency` started. Stops pulling on the first
 * failure or abort, waits for the started items, then rejects.
 */
export async function forEachConcurrently<T>(items: Iterable<T>, concurrency: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && !signal?.aborted) {
      const next = iterator.next();
      if (next.done) return;
      try {
        await work(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  if (signal?.aborted) throw signal.reason;
  if (failure) throw failure.error;
}
