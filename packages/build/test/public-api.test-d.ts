import { expectTypeOf, test } from 'vitest';
import * as build from '../src/index.js';

test('the build no longer offers precompiled Handlebars templates, only the version whose output it reproduces', () => {
  expectTypeOf(build.handlebarsVersion).toBeString();
  // @ts-expect-error packages render through templates compiled to JavaScript; precompiling for handlebars/runtime is gone from the API
  expectTypeOf(build.precompileTemplate).toBeFunction();
});
