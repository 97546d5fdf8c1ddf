/**
 * A counting semaphore: `run` starts `task` when fewer than `concurrency`
 * are running, else queues it (first come, first served). A finishing task
 * hands its slot straight to the next waiter, so a newcomer cannot slip in
 * between; a waiter whose signal aborts leaves the queue without a slot.
 */
export function createLimit(concurrency: number): <T>(task: () => Promise<T>, signal?: AbortSignal) => Promise<T> {
  let running = 0;
  const queue: Array<() => void> = [];
  const release = () => {
    const next = queue.shift();
    if (next) next();
    else running -= 1;
  };
  const acquire = (signal: AbortSignal | undefined) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const start = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = queue.indexOf(start);
        if (index >= 0) queue.splice(index, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(start);
    });
  return async (task, signal) => {
    if (running < concurrency) running += 1;
    else await acquire(signal);
    try {
      return await task();
    } finally {
      release();
    }
  };
}
