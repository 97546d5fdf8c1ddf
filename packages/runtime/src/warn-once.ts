import type { RuntimeWarning } from './resolution-event.js';

/**
 * Delivers each distinct warning once: a missing flag would otherwise log
 * on every request. The key set is bounded so a flood of distinct causes
 * cannot grow memory without limit.
 */
export function warnOnce(deliver: (warning: RuntimeWarning) => void, limit = 10_000): (warning: RuntimeWarning) => void {
  const seen = new Set<string>();
  return (warning) => {
    const key = `${warning.code}\u0000${warning.flag ?? ''}\u0000${warning.message}`;
    if (seen.has(key)) return;
    if (seen.size >= limit) seen.clear();
    seen.add(key);
    deliver(warning);
  };
}
