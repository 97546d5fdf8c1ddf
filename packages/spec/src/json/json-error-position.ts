/**
 * The 1-based line and column of the first JSON syntax error in `text`, or
 * undefined when it parses. Node 20's JSON.parse leaves the position out of
 * some messages ("Unexpected token ','"), and an operator fixing a flags file
 * at 2 a.m. needs the spot. A small recursive-descent scan; run only on failure.
 */
export function jsonErrorPosition(text: string): { line: number; column: number } | undefined {
  let index = 0;
  const fail = (): never => {
    throw index;
  };
  const space = () => {
    while (index < text.length && ' \t\n\r'.includes(text[index]!)) index += 1;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, index)) index += word.length;
    else fail();
  };
  const string = () => {
    index += 1;
    while (index < text.length && text[index] !== '"') {
      if (text.charCodeAt(index) < 0x20) fail();
      index += text[index] === '\\' ? 2 : 1;
    }
    if (index >= text.length) fail();
    index += 1;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(index, index + 400));
    if (!match || match[0] === '' || match[0] === '-') fail();
    index += match![0].length;
  };
  const value = (): void => {
    space();
    const char = text[index];
    if (char === '{') return object();
    if (char === '[') return array();
    if (char === '"') return string();
    if (char === 't') return literal('true');
    if (char === 'f') return literal('false');
    if (char === 'n') return literal('null');
    return number();
  };
  const object = () => {
    index += 1;
    space();
    if (text[index] === '}') {
      index += 1;
      return;
    }
    for (;;) {
      space();
      if (text[index] !== '"') fail();
      string();
      space();
      if (text[index] !== ':') fail();
      index += 1;
      value();
      space();
      if (text[index] === ',') {
        index += 1;
        continue;
      }
      if (text[index] === '}') {
        index += 1;
        return;
      }
      fail();
    }
  };
  const array = () => {
    index += 1;
    space();
    if (text[index] === ']') {
      index += 1;
      return;
    }
    for (;;) {
      value();
      space();
      if (text[index] === ',') {
        index += 1;
        continue;
      }
      if (text[index] === ']') {
        index += 1;
        return;
      }
      fail();
    }
  };
  try {
    value();
    space();
    if (index < text.length) fail();
    return undefined;
  } catch (offset) {
    if (typeof offset !== 'number') throw offset;
    const before = text.slice(0, offset);
    return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
  }
}
