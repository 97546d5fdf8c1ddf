// --match: the label matchers a guard adds to every query, so two services
// serving one prompt (one scrape job each) are judged apart; and the checks
// that keep a typo from reading as "no requests yet".
import { describe, expect, it } from 'vitest';
import { parseMatchers, templatesWithoutMatch } from '../src/guard-match.js';
import { defaultFreshnessQuery, defaultMetric, fillQuery } from '../src/guard-metrics.js';
import { FlagsError } from '../src/flags-error.js';

describe('parseMatchers', () => {
  it.each([
    ['job="checkout"', 'job="checkout"'],
    [' job = "checkout" , instance=~"127\\\\.0\\\\.0\\\\.1:.*" ', 'job="checkout",instance=~"127\\\\.0\\\\.0\\\\.1:.*"'],
    ['region!="eu,us",job!~"test-.*"', 'region!="eu,us",job!~"test-.*"'],
    ['team="a \\"quoted\\" name"', 'team="a \\"quoted\\" name"'],
  ])('%s -> %s', (text, fragment) => {
    expect(parseMatchers(text, '--match')).toBe(fragment);
  });

  it.each([
    ['job=checkout', 'at character 1, found "job=checkout"'],
    ['job="checkout" instance="a"', 'at character 1'],
    ['job="a",9x="b"', 'at character 9, found "9x=\\"b\\""'],
    ['job=="a"', 'at character 1'],
    ['job="a"}) or vector(1', 'at character 1'],
  ])('%s is refused, saying where and with an example', (text, where) => {
    let error: unknown;
    try {
      parseMatchers(text, '--match');
    } catch (caught) {
      error = caught;
    }
    expect(FlagsError.isInstance(error)).toBe(true);
    expect((error as FlagsError).code).toBe('flags/usage');
    expect((error as FlagsError).message).toContain(where);
    expect((error as FlagsError).hint).toBe(`Example: --match 'job="checkout"' (quote it for the shell).`);
  });

  it('refuses an empty list', () => {
    expect(() => parseMatchers('  ', '--match')).toThrow(/--match is empty: give at least one label matcher/);
  });
});

describe('{match} in the built-in queries', () => {
  it('goes into every selector of every built-in metric and the freshness query, and vanishes without --match', () => {
    const parse = defaultMetric('parse-failure', {});
    const latency = defaultMetric('latency', { latencyThreshold: '2.5' });
    const templates = [parse.kind === 'proportion' ? parse.bad : '', latency.kind === 'proportion' ? latency.bad : '', defaultFreshnessQuery];
    expect(templatesWithoutMatch(templates)).toEqual([]);
    expect(fillQuery(templates[0]!, { id: 'refund-triage', version: '1.1.0', windowSeconds: 30, match: 'job="run-1"' })).toBe(
      'sum(increase(promptpack_outcomes_total{promptpack_prompt_id="refund-triage",promptpack_prompt_version="1.1.0",job="run-1",promptpack_outcome="parse_failure"}[30s]))',
    );
    expect(fillQuery(templates[1]!, { id: 'r', version: '1', windowSeconds: 5, match: 'job="a"' })).toMatch(/promptpack_prompt_version="1",job="a",le=~/);
    expect(fillQuery(defaultFreshnessQuery, { id: 'refund-triage', match: 'job="run-1"' })).toBe('time() - max(timestamp(promptpack_outcomes_total{promptpack_prompt_id="refund-triage",job="run-1"}))');
    expect(fillQuery(defaultFreshnessQuery, { id: 'refund-triage' })).toBe('time() - max(timestamp(promptpack_outcomes_total{promptpack_prompt_id="refund-triage"}))');
  });

  it('a query of your own without {match} is found', () => {
    expect(templatesWithoutMatch(['sum(requests_total{v="{version}"{match}})', 'sum(requests_total{v="{version}"})'])).toEqual(['sum(requests_total{v="{version}"})']);
  });
});
