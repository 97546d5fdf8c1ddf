// The compare page as Chromium draws it: a screenshot proves the page is
// self-contained and styled (badges and the regression marker in their
// colours), and leaves a PNG in .cache/screenshots/ to look at.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePng, type DecodedPng, pixelStats, screenshot } from '../../../scripts/browser/index.js';
import { compareResults, renderCompareHtml, renderHtmlReport } from '../src/index.js';
import { after, before } from './report-fixtures.js';

const out = path.resolve(import.meta.dirname, '../../../.cache/screenshots');

function pixelsLike(png: DecodedPng, [r, g, b]: [number, number, number], tolerance = 6): number {
  let count = 0;
  for (let at = 0; at < png.pixels.length; at += png.channels) {
    if (Math.abs(png.pixels[at]! - r) <= tolerance && Math.abs(png.pixels[at + 1]! - g) <= tolerance && Math.abs(png.pixels[at + 2]! - b) <= tolerance) count++;
  }
  return count;
}

describe('report pages in headless Chromium', () => {
  mkdirSync(out, { recursive: true });

  it('the compare page draws both versions side by side, styled', { timeout: 900_000 }, async () => {
    const html = path.join(out, 'eval-compare.html');
    const png = path.join(out, 'eval-compare.png');
    writeFileSync(html, renderCompareHtml(compareResults(before, after)));
    await screenshot(html, png, { width: 1280, height: 1400 });
    const image = decodePng(readFileSync(png));
    expect([image.width, image.height]).toEqual([1280, 1400]);
    const stats = pixelStats(image);
    expect(stats.distinctShare).toBeGreaterThan(0.05);
    expect(stats.colours).toBeGreaterThan(200);
    // The regressed card's red border and fail badge, the hard-pass badges' green.
    expect(pixelsLike(image, [0xcf, 0x22, 0x2e])).toBeGreaterThan(500);
    expect(pixelsLike(image, [0xda, 0xfb, 0xe1])).toBeGreaterThan(500);
  });

  it('the single-result page draws too', { timeout: 900_000 }, async () => {
    const html = path.join(out, 'eval-report.html');
    const png = path.join(out, 'eval-report.png');
    writeFileSync(html, renderHtmlReport(after, { passed: false, reasons: ['Blocking hard-pass rate 50.0% (2 of 4 cases) is below the 90.0% threshold.'] }));
    await screenshot(html, png, { width: 1280, height: 1400 });
    const image = decodePng(readFileSync(png));
    expect(pixelStats(image).distinctShare).toBeGreaterThan(0.05);
    expect(pixelsLike(image, [0xff, 0xeb, 0xe9])).toBeGreaterThan(1000);
  });
});
