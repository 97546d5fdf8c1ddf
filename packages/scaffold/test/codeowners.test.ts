import { describe, expect, it } from 'vitest';
import { codeowners } from '../src/templates/codeowners.js';

/** The owners of `file` in a prompt folder: the last line whose pattern matches wins, as on GitHub. */
function ownersOf(text: string, file: string): string[] {
  let owners: string[] = [];
  for (const line of text.split('\n')) {
    const [pattern, ...teams] = line.trim().split(/\s+/);
    if (!pattern || pattern.startsWith('#')) continue;
    if (pattern === `/prompts/*/${file}`) owners = teams;
  }
  return owners;
}

describe('the CODEOWNERS a scaffold writes', () => {
  const text = codeowners('@acme');

  it('gives tools.yaml its own line, owned by platform and the prompt owners', () => {
    expect(text).toMatch(/^\/prompts\/\*\/tools\.yaml\s+@acme\/platform @acme\/prompt-owners$/m);
    expect(ownersOf(text, 'tools.yaml')).toEqual(['@acme/platform', '@acme/prompt-owners']);
  });

  it('names an owner for every file of a prompt folder, the policy legal alone', () => {
    for (const file of ['prompt.yaml', 'template.hbs', 'fewshots.yaml', 'evals.yaml', 'tools.yaml', 'policy.md', 'policy.lock']) {
      expect(ownersOf(text, file), file).not.toEqual([]);
    }
    expect(ownersOf(text, 'policy.md')).toEqual(['@acme/legal']);
  });

  it('uses the scope it is given', () => {
    expect(ownersOf(codeowners('@globex'), 'tools.yaml')).toEqual(['@globex/platform', '@globex/prompt-owners']);
  });
});
