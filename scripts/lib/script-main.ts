// How the harness command lines (scripts/registry, scripts/unleash,
// scripts/prometheus) end: the same exit codes and the same error lines.

/** An error the harness raises on purpose, with what to do about it. */
export interface HintedError extends Error {
  readonly hint: string | undefined;
}

/**
 * Runs `main` on the command line's arguments and exits with its code. An
 * error of one of the `expected` classes (SetupError, RegistryError) prints as
 * `error:` and `hint:` lines; any other is a bug and prints with its stack.
 * Both exit 1.
 */
export function runScriptMain(main: (argv: string[]) => Promise<number>, expected: ReadonlyArray<abstract new (...args: never[]) => HintedError>): Promise<void> {
  return main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (expected.some((type) => error instanceof type)) {
        const { message, hint } = error as HintedError;
        console.error(`error: ${message}${hint ? `\n  hint: ${hint}` : ''}`);
      } else {
        console.error(error);
      }
      process.exit(1);
    },
  );
}
