import { expectTypeOf, test } from 'vitest';
import { compileTemplateToJs, templateFunction, type TemplateJs } from '../../src/template-js/index.js';

test('compileTemplateToJs takes the source and optional file and sections, and returns the code', () => {
  expectTypeOf(compileTemplateToJs).returns.toEqualTypeOf<TemplateJs>();
  expectTypeOf(compileTemplateToJs('{{a}}', { file: 'template.hbs', sections: { safety: 'Be safe.' } }).code).toBeString();
  // @ts-expect-error sections are text by name, not a list
  compileTemplateToJs('{{> safety}}', { sections: ['safety'] });
  // @ts-expect-error the source is the template's text
  compileTemplateToJs({ template: '{{a}}' });
});

test('templateFunction turns the code into a render function from data to text', () => {
  expectTypeOf(templateFunction(compileTemplateToJs('{{a}}'))).toEqualTypeOf<(data: unknown) => string>();
  // @ts-expect-error it takes the compiled template, not the bare code string
  templateFunction('(function () {})()');
});
