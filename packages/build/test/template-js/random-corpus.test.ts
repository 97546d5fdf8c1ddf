import { PromptpackError } from '@promptpack/spec';
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { compileTemplateToJs, templateFunction } from '../../src/template-js/index.js';
import { outcomeOf, type Outcome } from './outcome.js';
import { seededRandom } from './random.js';
import { anyObject } from './random-values.js';
import { printTemplate, randomTemplate, shrink, variableNames, type TemplateNode } from './random-template.js';

// TEMPLATE_CORPUS_SEED=<n> replays another corpus; a failure prints the seed, the template and its minimal form.
const seed = Number(process.env.TEMPLATE_CORPUS_SEED ?? 0x5eed11);
const templates = 10_000;
const valuesPerTemplate = 4;
const handlebars = Handlebars.create();
const compileOptions = { strict: true, noEscape: true, knownHelpersOnly: true } as const;

type Render = (data: unknown) => string;
type Comparison = 'unparsable' | { mismatch: { data: unknown; expected: Outcome; actual: Outcome | string } } | { outcomes: Outcome[] };

/** Compiles `source` once with each and renders every value with both. */
function compare(source: string, values: readonly unknown[]): Comparison {
  let actual: Render;
  try {
    actual = templateFunction(compileTemplateToJs(source));
  } catch (error) {
    // A template Handlebars cannot parse is no comparison; any other refusal is a generator gap.
    if (PromptpackError.isInstance(error) && error.message.includes('Handlebars cannot parse it') && !parses(source)) return 'unparsable';
    return { mismatch: { data: values[0], expected: { text: '(Handlebars compiles it)' }, actual: `compile error: ${(error as Error).message}` } };
  }
  const expected = handlebars.compile(source.replace(/\r?\n$/, ''), compileOptions);
  const outcomes: Outcome[] = [];
  for (const data of values) {
    const want = outcomeOf(expected, data);
    const got = outcomeOf(actual, data);
    if (JSON.stringify(want) !== JSON.stringify(got)) return { mismatch: { data, expected: want, actual: got } };
    outcomes.push(want);
  }
  return { outcomes };
}

function parses(source: string): boolean {
  try {
    Handlebars.parse(source.replace(/\r?\n$/, ''));
    return true;
  } catch {
    return false;
  }
}

/** Removes parts of a failing template while it still fails, so the report shows what matters. */
function minimal(nodes: TemplateNode[], values: readonly unknown[]): TemplateNode[] {
  let smallest = nodes;
  for (let changed = true; changed; ) {
    changed = false;
    for (const candidate of shrink(smallest)) {
      const result = compare(printTemplate(candidate), values);
      if (typeof result === 'object' && 'mismatch' in result) {
        smallest = candidate;
        changed = true;
        break;
      }
    }
  }
  return smallest;
}

describe(`a random corpus of ${templates} templates (seed ${seed})`, () => {
  it('renders every template byte-identical to Handlebars, or fails with the same error', () => {
    // Handlebars logs a denied prototype property once per name; the generated code stays silent.
    const log = console.error;
    console.error = () => {};
    const random = seededRandom(seed);
    let unparsable = 0;
    let rendered = 0;
    let threw = 0;
    try {
      for (let index = 0; index < templates; index++) {
        const nodes = randomTemplate(random);
        const source = printTemplate(nodes);
        const values = Array.from({ length: valuesPerTemplate }, () => anyObject(random, variableNames));
        const result = compare(source, values);
        if (result === 'unparsable') {
          unparsable++;
          continue;
        }
        if ('mismatch' in result) {
          const smallest = printTemplate(minimal(nodes, values));
          const report = { seed, index, template: source, minimal: smallest, ...result.mismatch, minimalResult: compare(smallest, values) };
          expect.fail(`template ${index} of seed ${seed} renders differently:\n${JSON.stringify(report, null, 2)}`);
        }
        rendered += result.outcomes.length;
        threw += result.outcomes.filter((outcome) => 'error' in outcome).length;
      }
    } finally {
      console.error = log;
    }
    // The corpus must mostly parse, and exercise both output and strict errors.
    expect(unparsable).toBeLessThan(templates / 100);
    expect(rendered).toBe((templates - unparsable) * valuesPerTemplate);
    expect(threw).toBeGreaterThan(rendered / 20);
    expect(threw).toBeLessThan(rendered * 0.9);
    // About 30 s of CPU, mostly Handlebars compiling its side; the machine is shared, so the wall clock gets room.
  }, 600_000);
});
