import { createHash } from 'node:crypto';
import { escapeHtml, type Html } from './html.js';

export interface PageParts {
  /** The document title, as plain text. */
  title: string;
  /** What produced the page, e.g. `promptpack diff`. */
  generator: string;
  /** The page's whole stylesheet; it is inlined and allowed by its hash. */
  styles: string;
  /** Everything inside `<main>`. */
  body: Html;
}

/**
 * The one page shell of every HTML report: styles inline, no scripts, no
 * external requests, so a page can be attached to a CI run, mailed, printed
 * or opened offline. The Content-Security-Policy lets the browser load
 * nothing but this exact stylesheet: even if an escaping bug let model output
 * or policy text smuggle in a tag, it could not run a script, load an image
 * that reports the page was opened, or submit a form.
 */
export function htmlPage({ title, generator, styles, body }: PageParts): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(styles)}">
<meta name="generator" content="${escapeHtml(generator)}">
<title>${escapeHtml(title)}</title>
<style>${styles}</style>
</head>
<body>
<main>
${body.text}
</main>
</body>
</html>
`;
}

/**
 * Nothing is allowed except the one inline stylesheet, named by its sha256 so
 * no other style block applies. The value needs no escaping inside the
 * double-quoted attribute: it is ASCII keywords, single quotes and base64.
 */
export function contentSecurityPolicy(styles: string): string {
  const digest = createHash('sha256').update(styles, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${digest}'; base-uri 'none'; form-action 'none'`;
}
