/** A one-line progress bar on stderr, redrawn in place; only on an interactive terminal, never in CI. */
export interface Progress {
  update(state: { done: number; total: number; errors: number }): void;
  /** Erases the bar so the next line starts clean. */
  clear(): void;
}

const silent: Progress = { update: () => {}, clear: () => {} };

export function isInteractive(stream: { isTTY?: boolean } = process.stderr, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.PROMPTPACK_PROGRESS === '0') return false;
  if (env.PROMPTPACK_PROGRESS === '1') return true;
  return Boolean(stream.isTTY) && !env.CI;
}

export function createProgress(label: string, enabled: boolean, write: (text: string) => void = (text) => process.stderr.write(text)): Progress {
  if (!enabled) return silent;
  const started = performance.now();
  let last = 0;
  let drawn = false;
  return {
    update({ done, total, errors }) {
      const now = performance.now();
      // A redraw per request would flood a slow terminal at high concurrency.
      if (done < total && now - last < 80) return;
      last = now;
      drawn = true;
      write(`\r\x1b[2K${formatBar(label, done, total, errors, (now - started) / 1000)}`);
    },
    clear() {
      if (drawn) write('\r\x1b[2K');
      drawn = false;
    },
  };
}

export function formatBar(label: string, done: number, total: number, errors: number, seconds: number, width = 24): string {
  const share = total === 0 ? 1 : done / total;
  const filled = Math.round(share * width);
  const rate = seconds > 0 ? done / seconds : 0;
  const eta = rate > 0 && done < total ? ` eta ${Math.ceil((total - done) / rate)}s` : '';
  const errorText = errors > 0 ? ` ${errors} error${errors === 1 ? '' : 's'}` : '';
  return `${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}${errorText} ${rate.toFixed(1)}/s${eta}`;
}
