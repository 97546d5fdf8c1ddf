// `flags guard --match 'job="checkout"'`: label matchers the guard adds to
// every series it reads, so that one prompt served by several services (one
// scrape job each, one flag each) is judged on one service's requests only.
// Checked here, not by Prometheus: a typo would otherwise read as "no
// requests yet" and the guard would hold without saying why.
import { FlagsError } from './flags-error.js';

/** One PromQL label matcher: `name op "value"` with `=`, `!=`, `=~` or `!~`; the value a double-quoted string. */
const matcher = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\\n]|\\.)*")\s*(,|$)/y;

/** The matchers as one PromQL fragment (`job="checkout",instance=~"a.*"`); throws a `flags/usage` FlagsError naming `option` when they do not parse. */
export function parseMatchers(text: string, option: string): string {
  if (text.trim() === '') throw new FlagsError('flags/usage', `${option} is empty: give at least one label matcher.`, `Example: ${option} 'job="checkout"'`);
  const parts: string[] = [];
  matcher.lastIndex = 0;
  while (matcher.lastIndex < text.length) {
    const at = matcher.lastIndex;
    const found = matcher.exec(text);
    if (!found) {
      throw new FlagsError('flags/usage', `${option} ${JSON.stringify(text)}: expected PromQL label matchers (name="value", name=~"regex", comma-separated) at character ${at + 1}, found ${JSON.stringify(text.slice(at, at + 20))}.`, `Example: ${option} 'job="checkout"' (quote it for the shell).`);
    }
    parts.push(`${found[1]}${found[2]}${found[3]}`);
    if (found[4] === '') break;
  }
  return parts.join(',');
}

/** Queries of a guard that would ignore --match: a template with no `{match}` placeholder. */
export function templatesWithoutMatch(templates: readonly string[]): string[] {
  return templates.filter((template) => !template.includes('{match}'));
}
