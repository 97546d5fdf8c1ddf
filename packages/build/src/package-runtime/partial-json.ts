// Reads the beginning of a JSON text that is still arriving (a streamed model
// answer) into the value it has so far, and says which parts of it are final.
//
// What a prefix shows, and why:
// - A string appears as far as it has arrived: streamed text is what a user
//   wants to watch. A cut escape (`\`, `\u00`) or a lone high surrogate at the
//   cut is left out until the rest arrives, so the partial text is never one
//   the full answer does not start with.
// - A number appears only once a delimiter follows it: `12` may still become
//   `123` or `12.5`, and showing it early would show a wrong value.
// - `true`, `false` and `null` appear once complete.
// - An object key appears once its value has started (an object never shows
//   a key with nothing behind it).
// Complete values are exactly what JSON.parse returns for them, `__proto__`
// keys included (as own data properties, like JSON.parse).

/** A node of the partial value: its value so far and whether it is final. */
export interface PartialNode {
  readonly value: unknown;
  readonly complete: boolean;
  /** Set for arrays and objects: the parts read so far, by key or index. */
  readonly children?: ReadonlyMap<string, PartialNode>;
}

export type PartialJsonReading = { success: true; root: PartialNode | undefined; complete: boolean } | { success: false; message: string; offset: number };

/** Beyond this nesting a prefix is refused rather than risking the stack. */
export const maxPartialDepth = 512;

class PrefixSyntaxError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

/** Reads `text` as the start of one JSON value; `complete` once the value has fully arrived. */
export function readPartialJson(text: string): PartialJsonReading {
  const reader = new PrefixReader(text);
  try {
    const root = reader.value(0);
    if (root === undefined || !root.complete) return { success: true, root, complete: false };
    reader.whitespace();
    if (!reader.atEnd()) reader.fail('unexpected text after the JSON value');
    return { success: true, root, complete: true };
  } catch (error) {
    if (error instanceof PrefixSyntaxError) return { success: false, message: error.message, offset: error.offset };
    throw error;
  }
}

const numberPrefix = /-?(?:0|[1-9][0-9]*)?(?:\.[0-9]*)?(?:[eE][+-]?[0-9]*)?/y;
const wholeNumber = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
const hex4 = /^[0-9a-fA-F]{4}$/;
const literals: ReadonlyArray<readonly [string, unknown]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];

class PrefixReader {
  private position = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  atEnd(): boolean {
    return this.position >= this.text.length;
  }

  fail(message: string): never {
    throw new PrefixSyntaxError(`${message} at offset ${this.position}`, this.position);
  }

  whitespace(): void {
    const text = this.text;
    while (this.position < text.length) {
      const code = text.charCodeAt(this.position);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return;
      this.position += 1;
    }
  }

  /** The value starting here, or undefined when the text ends before it starts. */
  value(depth: number): PartialNode | undefined {
    this.whitespace();
    if (this.atEnd()) return undefined;
    if (depth > maxPartialDepth) this.fail(`the value is nested deeper than ${maxPartialDepth} levels`);
    const character = this.text[this.position]!;
    if (character === '{') return this.object(depth);
    if (character === '[') return this.array(depth);
    if (character === '"') return this.string();
    if (character === '-' || (character >= '0' && character <= '9')) return this.number();
    return this.literal();
  }

  private object(depth: number): PartialNode {
    const value: Record<string, unknown> = {};
    const children = new Map<string, PartialNode>();
    const partial = (): PartialNode => ({ value, complete: false, children });
    this.position += 1;
    this.whitespace();
    if (this.atEnd()) return partial();
    if (this.text[this.position] === '}') {
      this.position += 1;
      return { value, complete: true, children };
    }
    for (;;) {
      this.whitespace();
      if (this.atEnd()) return partial();
      if (this.text[this.position] !== '"') this.fail('expected a property name in double quotes');
      const key = this.string();
      if (!key.complete) return partial();
      this.whitespace();
      if (this.atEnd()) return partial();
      if (this.text[this.position] !== ':') this.fail('expected ":" after the property name');
      this.position += 1;
      const child = this.value(depth + 1);
      if (child === undefined) return partial();
      const name = key.value as string;
      if (child.complete || shows(child)) {
        // A repeated key keeps the last value, as JSON.parse does.
        Object.defineProperty(value, name, { value: child.value, writable: true, enumerable: true, configurable: true });
        children.set(name, child);
      }
      if (!child.complete) return partial();
      this.whitespace();
      if (this.atEnd()) return partial();
      const next = this.text[this.position];
      this.position += 1;
      if (next === '}') return { value, complete: true, children };
      if (next !== ',') {
        this.position -= 1;
        this.fail('expected "," or "}" after a property value');
      }
    }
  }

  private array(depth: number): PartialNode {
    const value: unknown[] = [];
    const children = new Map<string, PartialNode>();
    const partial = (): PartialNode => ({ value, complete: false, children });
    this.position += 1;
    this.whitespace();
    if (this.atEnd()) return partial();
    if (this.text[this.position] === ']') {
      this.position += 1;
      return { value, complete: true, children };
    }
    for (;;) {
      const child = this.value(depth + 1);
      if (child === undefined) return partial();
      if (child.complete || shows(child)) {
        children.set(String(value.length), child);
        value.push(child.value);
      }
      if (!child.complete) return partial();
      this.whitespace();
      if (this.atEnd()) return partial();
      const next = this.text[this.position];
      this.position += 1;
      if (next === ']') return { value, complete: true, children };
      if (next !== ',') {
        this.position -= 1;
        this.fail('expected "," or "]" after an array element');
      }
    }
  }

  private string(): PartialNode {
    const text = this.text;
    let position = this.position + 1;
    let result = '';
    let runStart = position;
    for (;;) {
      if (position >= text.length) {
        result += withoutLoneHighSurrogate(text.slice(runStart, position));
        this.position = position;
        return { value: result, complete: false };
      }
      const code = text.charCodeAt(position);
      if (code === 0x22) {
        result += text.slice(runStart, position);
        this.position = position + 1;
        return { value: result, complete: true };
      }
      if (code < 0x20) {
        this.position = position;
        this.fail('a control character must be escaped inside a string');
      }
      if (code !== 0x5c) {
        position += 1;
        continue;
      }
      result += text.slice(runStart, position);
      const escape = text[position + 1];
      if (escape === undefined) return this.cutString(result);
      if (escape === 'u') {
        const digits = text.slice(position + 2, position + 6);
        if (!/^[0-9a-fA-F]*$/.test(digits)) {
          this.position = position;
          this.fail('expected four hexadecimal digits after \\u');
        }
        if (!hex4.test(digits)) return this.cutString(result);
        const unit = Number.parseInt(digits, 16);
        // A high surrogate whose low half has not arrived yet is held back.
        if (unit >= 0xd800 && unit <= 0xdbff && position + 6 >= text.length) return this.cutString(result);
        result += String.fromCharCode(unit);
        position += 6;
      } else {
        const decoded = simpleEscapes[escape];
        if (decoded === undefined) {
          this.position = position;
          this.fail(`"\\${escape}" is not a JSON escape`);
        }
        result += decoded;
        position += 2;
      }
      runStart = position;
    }
  }

  /** The text ends inside an escape: what came before it is the partial string. */
  private cutString(result: string): PartialNode {
    this.position = this.text.length;
    return { value: withoutLoneHighSurrogate(result), complete: false };
  }

  private number(): PartialNode {
    numberPrefix.lastIndex = this.position;
    const match = numberPrefix.exec(this.text);
    const token = match?.[0] ?? '';
    const end = this.position + token.length;
    if (end >= this.text.length) {
      // The text ends inside the number: it may go on, so nothing shows yet.
      if (!isNumberPrefix(token)) this.fail('not a valid JSON number');
      this.position = end;
      return { value: undefined, complete: false };
    }
    if (!wholeNumber.test(token)) this.fail('not a valid JSON number');
    this.position = end;
    return { value: Number(token), complete: true };
  }

  private literal(): PartialNode {
    const rest = this.text.slice(this.position, this.position + 5);
    for (const [word, value] of literals) {
      if (rest.startsWith(word)) {
        this.position += word.length;
        return { value, complete: true };
      }
      if (rest.length < word.length && word.startsWith(rest) && this.position + rest.length === this.text.length) {
        this.position = this.text.length;
        return { value: undefined, complete: false };
      }
    }
    this.fail(`unexpected "${this.text[this.position]}"`);
  }
}

const simpleEscapes: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** A node worth showing before it is complete: text so far, or a container. */
function shows(node: PartialNode): boolean {
  return node.value !== undefined;
}

/** A number token the text may still complete: `-`, `1.`, `1e+`, but not `01` or `1.e`. */
function isNumberPrefix(token: string): boolean {
  if (token === '') return false;
  for (const ending of ['', '0', '1', '.0', 'e0', '0e0', '.0e0']) if (wholeNumber.test(token + ending)) return true;
  return false;
}

function withoutLoneHighSurrogate(text: string): string {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}
