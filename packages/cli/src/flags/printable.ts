// Text from a record (a --reason, an --actor, an Unleash event) shown on a
// terminal: control characters are shown escaped, never sent. An ANSI escape
// or a carriage return in a reason could otherwise recolour the table, erase
// the FORCED marker beside it or fake another row. The record itself keeps
// the text verbatim (`--json` prints it JSON-escaped).

// C0 and C1 controls, DEL, and the invisible format characters that reorder or hide text (bidi overrides, zero-width, line separators).
const unprintable = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

/** `\x1b`, `\r`-as-`\x0d`, `\u202e`: each unprintable character as its escape. */
export function printable(text: string): string {
  return text.replace(unprintable, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
