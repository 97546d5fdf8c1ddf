import { jsonErrorPosition } from './json-error-position.js';

export type JsonTextResult =
  | { ok: true; value: unknown }
  /** `message` is JSON.parse's, without the engine's own "in JSON at position" tail. */
  | { ok: false; message: string; line: number; column: number };

/**
 * JSON.parse that says where the text is wrong. Node 20's messages do not
 * always carry a position, so the spot comes from `jsonErrorPosition` (1:1
 * when even that cannot tell). A byte-order mark is ignored, as editors write one.
 */
export function parseJsonText(text: string): JsonTextResult {
  const source = text.replace(/^\uFEFF/, '');
  try {
    return { ok: true, value: JSON.parse(source) as unknown };
  } catch (error) {
    const where = jsonErrorPosition(source) ?? { line: 1, column: 1 };
    const message = (error as Error).message.replace(/ in JSON at position.*$/, '').replace(/^JSON\.parse: /, '');
    return { ok: false, message, ...where };
  }
}
