import { describe, expectTypeOf, it } from 'vitest';
import type { EvalResult } from '@promptpack/spec';
import { html, htmlPage, type Html, renderHtmlReport, type GateVerdict } from '../src/index.js';

declare const result: EvalResult;

describe('@promptpack/report types', () => {
  it('takes only markup that was escaped or built with html`` as a page body', () => {
    expectTypeOf(htmlPage({ title: 't', generator: 'g', styles: '', body: html`<p>${'text'}</p>` })).toEqualTypeOf<string>();
    // @ts-expect-error a plain string could carry unescaped model output into the page
    htmlPage({ title: 't', generator: 'g', styles: '', body: '<p>text</p>' });
    expectTypeOf(html`<b>${1}</b>`).toEqualTypeOf<Html>();
  });

  it('says what produced every page', () => {
    // @ts-expect-error generator is required: each page names the command that made it
    htmlPage({ title: 't', styles: '', body: html`` });
  });

  it('renders a result with or without a gate verdict', () => {
    expectTypeOf(renderHtmlReport(result)).toEqualTypeOf<string>();
    expectTypeOf(renderHtmlReport).parameter(1).toEqualTypeOf<GateVerdict | undefined>();
    // @ts-expect-error the verdict needs its reasons
    renderHtmlReport(result, { passed: true });
  });
});
