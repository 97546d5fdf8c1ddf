// How reasons show answers and values: one line, long ones cut, so a reason
// fits a terminal row and a JUnit message.

export function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 77)}...` : flat);
}

/** Like `quote`, but whitespace stays visible (`"Paris\n"`): for checks where it counts. */
export function quoteExact(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

export function list(values: readonly string[]): string {
  return `[${values.map(quote).join(', ')}]`;
}

/** `at line L, column C` of a 0-based index into `text`. */
export function at(text: string, index: number): string {
  const line = text.slice(0, index).split('\n').length;
  return `at line ${line}, column ${index - text.lastIndexOf('\n', index - 1)}`;
}

export function dollars(amount: number): string {
  return amount < 0.01 ? amount.toPrecision(3) : amount.toFixed(4);
}
