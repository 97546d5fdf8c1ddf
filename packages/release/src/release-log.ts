/**
 * Where a release reports progress: the CLI prints `out` to stdout, or to
 * stderr under --json so stdout carries only the JSON document.
 */
export interface ReleaseLog {
  out(line: string): void;
  err(line: string): void;
}
