import Handlebars from 'handlebars';

/** What rendering did: the text, or the thrown error reduced to what a caller can observe. */
export type Outcome = { text: string } | { error: { name: string; message: string; location: unknown } };

const compileOptions = { strict: true, noEscape: true, knownHelpersOnly: true } as const;

export function outcomeOf(render: (data: unknown) => string, data: unknown): Outcome {
  try {
    return { text: render(data) };
  } catch (error) {
    const thrown = error as Error & Record<string, unknown>;
    const { lineNumber, column, endLineNumber, endColumn } = thrown;
    return { error: { name: thrown.name, message: thrown.message, location: { lineNumber, column, endLineNumber, endColumn } } };
  }
}

/** Real Handlebars, as precompileTemplate compiles: the same options, the file's final line break dropped. */
export function handlebarsRender(source: string): (data: unknown) => string {
  const template = Handlebars.create().compile(source.replace(/\r?\n$/, ''), compileOptions);
  return (data) => template(data);
}
