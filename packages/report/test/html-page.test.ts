import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compareResults, contentSecurityPolicy, html, htmlPage, renderCompareHtml, renderHtmlReport } from '../src/index.js';
import { after, before } from './report-fixtures.js';

const styles = 'body { color: #123; }';

function head(page: string): string {
  return page.slice(0, page.indexOf('<main>'));
}

describe('the page shell', () => {
  it('escapes the title and the generator', () => {
    const page = htmlPage({ title: '<script>alert(1)</script> & "x"', generator: 'tool "a"', styles, body: html`<p>${'<b>'}</p>` });
    expect(page).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</title>');
    expect(page).toContain('<meta name="generator" content="tool &quot;a&quot;">');
    expect(page).toContain('<main>\n<p>&lt;b&gt;</p>\n</main>');
    expect(page).not.toContain('<script>');
  });

  it('allows exactly its own stylesheet and nothing else', () => {
    const digest = createHash('sha256').update(styles).digest('base64');
    expect(contentSecurityPolicy(styles)).toBe(`default-src 'none'; style-src 'sha256-${digest}'; base-uri 'none'; form-action 'none'`);
    expect(contentSecurityPolicy(`${styles} `)).not.toBe(contentSecurityPolicy(styles));
  });

  it('puts the policy before the stylesheet it allows', () => {
    const page = htmlPage({ title: 't', generator: 'g', styles, body: html`` });
    const policy = page.indexOf('http-equiv="Content-Security-Policy"');
    expect(policy).toBeGreaterThan(0);
    expect(policy).toBeLessThan(page.indexOf('<style>'));
    expect(page).toContain(`content="${contentSecurityPolicy(styles)}"`);
    expect(page).toContain(`<style>${styles}</style>`);
  });

  it('is the head of both eval pages, with the hash of the stylesheet each inlines', () => {
    for (const page of [renderHtmlReport(after), renderCompareHtml(compareResults(before, after))]) {
      const inlined = /<style>([\s\S]*)<\/style>/.exec(page)?.[1] ?? '';
      expect(head(page)).toBe(head(htmlPage({ title: /<title>(.*)<\/title>/.exec(page)?.[1] ?? '', generator: 'promptpack eval', styles: inlined, body: html`` })));
    }
  });
});
