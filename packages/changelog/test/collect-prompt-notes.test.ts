import { createHash } from 'node:crypto';
import type { LoadedPrompt, PromptImpact, ReleaseTag } from '@promptpack/core';
import { describe, expect, it } from 'vitest';
import { collectPromptNotes, type PromptHistory } from '../src/collect-prompt-notes.js';

// What `manifest.policyHash` of the built package says for a policy.md reading 'Be kind.'.
const policyHash = `sha256:${createHash('sha256').update('Be kind.').digest('hex')}`;

function prompt(version: string, policy = 'Be kind.'): LoadedPrompt {
  return { packageJson: { name: '@acme/prompt-x', version }, sources: { policy } } as unknown as LoadedPrompt;
}

function history(overrides: Partial<PromptHistory> & { tags?: string[] } = {}): PromptHistory & { loadedRefs: string[] } {
  const loadedRefs: string[] = [];
  const tags: ReleaseTag[] = (overrides.tags ?? []).map((version) => ({ tag: `@acme/prompt-x@${version}`, version }));
  return {
    loadedRefs,
    packageDir: (name) => (name === '@acme/prompt-x' ? '/repo/prompts/x' : name === '@promptpack/core' ? '/repo/packages/core' : undefined),
    isPromptFolder: (dir) => dir.startsWith('/repo/prompts/'),
    loadWorkingTree: () => prompt('1.2.0'),
    loadAtRef: (ref) => {
      loadedRefs.push(ref);
      return prompt('1.0.0', 'Be nice.');
    },
    releaseTags: () => tags,
    isShallow: () => false,
    comparePrompts: (before): PromptImpact => ({
      id: 'x',
      bump: before ? 'minor' : 'major',
      added: before === undefined,
      changes: before ? [{ part: 'policy', bump: 'minor', summary: 'policy text changed' }] : [],
    }),
    ...overrides,
  };
}

describe('collectPromptNotes', () => {
  it('compares with the tag of the version in package.json', () => {
    const source = history({ tags: ['1.0.0', '1.1.0', '1.2.0', '2.0.0'] });
    const notes = collectPromptNotes('@acme/prompt-x', source);
    expect(source.loadedRefs).toEqual(['@acme/prompt-x@1.2.0']);
    expect(notes).toMatchObject({ name: '@acme/prompt-x', previousVersion: '1.2.0', impact: { bump: 'minor' } });
    expect(notes?.policyHash).toBe(policyHash);
  });

  it('falls back to the last tagged release when the current version was never tagged', () => {
    const source = history({ tags: ['1.0.0', '1.1.0'] });
    expect(collectPromptNotes('@acme/prompt-x', source)?.previousVersion).toBe('1.1.0');
    expect(source.loadedRefs).toEqual(['@acme/prompt-x@1.1.0']);
  });

  it('treats a prompt without any release tag as a first release', () => {
    const source = history();
    expect(collectPromptNotes('@acme/prompt-x', source)).toMatchObject({ previousVersion: undefined, impact: { added: true } });
    expect(source.loadedRefs).toEqual([]);
  });

  it('refuses to guess in a shallow clone without tags', () => {
    expect(() => collectPromptNotes('@acme/prompt-x', history({ isShallow: () => true }))).toThrow(/shallow clone[\s\S]*fetch-depth: 0/);
  });

  it('reports, instead of failing, a previous release it cannot read', () => {
    const source = history({
      tags: ['1.2.0'],
      loadAtRef: () => {
        throw new Error('The prompt at @acme/prompt-x@1.2.0 has errors:\nprompt.yaml:3:1 ...');
      },
    });
    expect(collectPromptNotes('@acme/prompt-x', source)).toMatchObject({
      previousVersion: '1.2.0',
      impact: undefined,
      comparisonError: 'cannot read the prompt at tag `@acme/prompt-x@1.2.0`: The prompt at @acme/prompt-x@1.2.0 has errors:',
    });
  });

  it('has nothing to say about tooling packages and unknown names', () => {
    expect(collectPromptNotes('@promptpack/core', history())).toBeUndefined();
    expect(collectPromptNotes('@acme/not-here', history())).toBeUndefined();
  });
});
