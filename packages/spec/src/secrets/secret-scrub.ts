// One scrubber for every configured secret (the admin token, a URL's
// password): each is replaced in every form it can take in a message, a
// record or a log line: raw, JSON-escaped (a token with `"` or `\` reads
// differently inside JSON) and URL-encoded.

export function secretScrubber(secrets: ReadonlyArray<{ value: string | undefined; label: string }>): (text: string) => string {
  const forms: Array<[string, string]> = [];
  for (const { value, label } of secrets) {
    if (!value) continue;
    for (const form of new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value), encodeURI(value)])) forms.push([form, label]);
  }
  // Longest first: a form that contains another is replaced whole.
  forms.sort((a, b) => b[0].length - a[0].length);
  return (text) => forms.reduce((scrubbed, [form, label]) => scrubbed.split(form).join(label), text);
}
