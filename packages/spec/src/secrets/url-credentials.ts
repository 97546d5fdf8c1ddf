/** A URL split into what may be shown and the credentials in it, which may not. */
export interface UrlCredentials {
  /** The URL without user:password (unchanged when it has none). */
  display: string;
  user: string;
  password: string;
}

/**
 * Takes `user:password@` out of a URL for messages. fetch refuses URLs with
 * credentials anyway; they are kept only so a scrubber can replace them
 * wherever a server or a library echoes them.
 */
export function splitUrlCredentials(url: string): UrlCredentials {
  try {
    const parsed = new URL(url);
    const user = decodeURIComponent(parsed.username);
    const password = decodeURIComponent(parsed.password);
    if (!user && !password) return { display: url, user, password };
    parsed.username = '';
    parsed.password = '';
    return { display: parsed.href, user, password };
  } catch {
    // Not a URL (or a malformed escape in it): whatever precedes an `@` is still never shown.
    return { display: url.replace(/\/\/[^/]*@/, '//<credentials>@'), user: '', password: '' };
  }
}

/**
 * The secrets of a URL for `secretScrubber`: `user:password` whole first
 * (as given, as the URL parser normalises it, and decoded), then the
 * password alone. A library quoting the URL may use either spelling.
 */
export function urlSecrets(url: string | undefined): Array<{ value: string | undefined; label: string }> {
  if (!url) return [];
  const { user, password } = splitUrlCredentials(url);
  if (!password) return [];
  const userinfo = '<user>:<password>';
  const given = /^[^:/?#]+:\/\/([^/?#]*)@/.exec(url)?.[1];
  let normalised: string | undefined;
  try {
    const parsed = new URL(url);
    normalised = `${parsed.username}:${parsed.password}`;
  } catch {
    normalised = undefined;
  }
  return [
    { value: given, label: userinfo },
    { value: normalised, label: userinfo },
    { value: `${user}:${password}`, label: userinfo },
    { value: password, label: '<password>' },
  ];
}
