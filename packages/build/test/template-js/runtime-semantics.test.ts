import { describe, expect, it } from 'vitest';
import { compileTemplateToJs, templateFunction } from '../../src/template-js/index.js';
import { handlebarsRender, outcomeOf } from './outcome.js';

/** Hand-picked corners of Handlebars' runtime, each checked against Handlebars itself and pinned. */
const cases: [string, string, () => unknown, unknown][] = [
  ['adjacent numbers add, as in Handlebars', '{{a}}{{b}} {{a}}{{b}}', () => ({ a: 1, b: 2 }), { text: '3 12' }],
  ['a block returning a number adds too', '{{a}}{{#if a}}{{b}}{{/if}}', () => ({ a: 1, b: 2 }), { text: '3' }],
  ['arrays print joined, objects as [object Object]', '{{a}}|{{b}}|{{c}}|{{d}}', () => ({ a: [1, [2, 3]], b: {}, c: null, d: false }), { text: '1,2,3|[object Object]||false' }],
  ['0 and [] are falsy unless includeZero', '{{#if z}}y{{else}}n{{/if}}{{#if z includeZero=true}}y{{/if}}{{#if e}}y{{else}}n{{/if}}', () => ({ z: 0, e: [] }), { text: 'nyn' }],
  ['a function in the data is called with the context', '{{f}} {{#if f}}yes{{/if}}', () => ({ f() { return (this as { n: number }).n; }, n: 7 }), { text: '7 yes' }],
  ['each visits a Map through its iterator (and @index + @last add up)', '{{#each m}}{{@index}}{{@last}}:{{this}};{{/each}}', () => ({ m: new Map([['a', 1], ['b', 2]]) }), { text: '0:a,1;2:b,2;' }],
  ['each skips holes but counts them', '{{#each a}}{{@index}}{{/each}}', () => ({ a: [1, , 3] }), { text: '02' }],
  ['a null item becomes the sealed null context inside if', '{{#each a}}{{#if this}}{{else}}[{{this}}]{{/if}}{{/each}}', () => ({ a: [null] }), { text: '[[object Object]]' }],
  ['prototype properties are not read', '{{toString}}{{a.constructor}}', () => ({ a: {} }), { text: '' }],
  ['a missing last part throws the strict error at its location', 'x\n  {{a.b}}', () => ({ a: {} }), { error: { name: 'Error', message: '"b" not defined in [object Object] - 2:4', location: { lineNumber: 2, column: 4, endLineNumber: 2, endColumn: 7 } } }],
  ['a missing earlier part throws the TypeError Handlebars throws', '{{a.b.c}}', () => ({}), { error: { name: 'TypeError', message: "Cannot read properties of undefined (reading 'b')", location: { lineNumber: undefined, column: undefined, endLineNumber: undefined, endColumn: undefined } } }],
  ['an equal program reports the first one’s location, as Handlebars shares it', '{{#if a}}{{x}}{{/if}} {{#if b}}{{x}}{{/if}}', () => ({ b: true }), { error: { name: 'Error', message: '"x" not defined in [object Object] - 1:11', location: { lineNumber: 1, column: 11, endLineNumber: 1, endColumn: 12 } } }],
  // Handlebars pushes a block's context only when it is != the current one, so `../` then reaches further out.
  ['../ skips a context loosely equal to the current one', '{{#each a}}{{#with ../b}}{{../this}}{{/with}}{{/each}}', () => ({ a: [1, 2], b: '1' }), { text: '[object Object]2' }],
  ['a literal in a mustache is a name, and block params win over it', '{{"n"}} {{#each a as |n|}}{{"n"}}{{/each}}', () => ({ n: 'root', a: ['item'] }), { text: 'root item' }],
];

describe('the generated code keeps Handlebars runtime semantics', () => {
  it.each(cases)('%s', (_name, source, data, pinned) => {
    const actual = outcomeOf(templateFunction(compileTemplateToJs(source)), data());
    expect(actual).toEqual(outcomeOf(handlebarsRender(source), data()));
    expect(actual).toEqual(pinned);
  });
});
