import { clip } from './quote.js';

/**
 * A value as a message shows it: short, so a message never carries a whole
 * customer message into a log; built from a few leading parts only (at most
 * 4 keys, 2 levels), so a huge, deep or cyclic value or a BigInt costs
 * nothing and throws nothing (JSON.stringify of the whole would). A value
 * that throws even then (a getter, a revoked proxy) gets a placeholder.
 */
export function preview(value: unknown): string {
  try {
    return clip(briefJson(value, 2), 40);
  } catch {
    return 'a value that cannot be printed';
  }
}

function briefJson(value: unknown, depth: number): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) : value);
  if (typeof value === 'bigint') return `${String(value)}n`;
  if (value === null || typeof value !== 'object') {
    // null prints as JSON does; a function or symbol by its kind.
    return typeof value === 'number' || typeof value === 'boolean' || value === undefined || value === null ? String(value) : typeof value;
  }
  const array = Array.isArray(value);
  if (depth === 0) return array ? '[...]' : '{...}';
  const keys = Object.keys(value);
  const parts: string[] = [];
  let length = 0;
  for (const key of keys.slice(0, 4)) {
    const part = (array ? '' : `${JSON.stringify(key.slice(0, 20))}:`) + briefJson((value as Record<string, unknown>)[key], depth - 1);
    parts.push(part);
    length += part.length;
    if (length > 40) break;
  }
  const more = parts.length < keys.length ? ',...' : '';
  return (array ? '[' : '{') + parts.join(',') + more + (array ? ']' : '}');
}
