import type { LoadedPrompt } from '@promptpack/core';
import { describe, expect, it } from 'vitest';
import { createChangelogFunctions } from '../src/changelog-functions.js';
import type { PromptHistory } from '../src/collect-prompt-notes.js';

function stubHistory(counter: { loads: number }): PromptHistory {
  const prompt = (name: string) => ({ packageJson: { name, version: '1.0.0' }, sources: { policy: 'p' } }) as unknown as LoadedPrompt;
  return {
    packageDir: (name) => `/repo/${name.startsWith('@acme/prompt-') ? 'prompts' : 'packages'}/${name.split('/')[1]}`,
    isPromptFolder: (dir) => dir.includes('/prompts/'),
    loadWorkingTree: (dir) => {
      counter.loads++;
      return prompt(`@acme/${dir.split('/').at(-1)}`);
    },
    loadAtRef: (_ref, dir) => prompt(`@acme/${dir.split('/').at(-1)}`),
    releaseTags: (name) => [{ tag: `${name}@1.0.0`, version: '1.0.0' }],
    isShallow: () => false,
    comparePrompts: () => ({ id: 'x', bump: 'patch', added: false, changes: [{ part: 'evals', bump: 'patch', summary: '1 case added' }] }),
  };
}

const changeset = (releases: { name: string; type: 'major' | 'minor' | 'patch' }[]) => ({ id: 'a', summary: 'Summary.', releases, commit: 'abcdef0123' });

describe('createChangelogFunctions', () => {
  it('reads each prompt once however many changesets name it', async () => {
    const counter = { loads: 0 };
    const { getReleaseLine } = createChangelogFunctions(() => stubHistory(counter));
    for (let i = 0; i < 3; i++) await getReleaseLine(changeset([{ name: '@acme/prompt-a', type: 'patch' }]), 'patch', null);
    expect(counter.loads).toBe(1);
  });

  it('opens the repository only when an entry names a package', async () => {
    let opened = false;
    const { getReleaseLine } = createChangelogFunctions(() => {
      opened = true;
      return stubHistory({ loads: 0 });
    });
    expect(await getReleaseLine({ ...changeset([]), commit: undefined }, 'patch', null)).toBe('- Summary.');
    expect(opened).toBe(false);
  });

  it('labels prompt blocks when the changeset bumps several packages by the same type', async () => {
    const { getReleaseLine } = createChangelogFunctions(() => stubHistory({ loads: 0 }));
    const line = await getReleaseLine(
      changeset([
        { name: '@acme/prompt-a', type: 'minor' },
        { name: '@promptpack/core', type: 'minor' },
        { name: '@acme/prompt-b', type: 'patch' },
      ]),
      'minor',
      null,
    );
    expect(line).toBe(['- abcdef0: Summary.', '', '  `@acme/prompt-a`: Prompt parts changed since 1.0.0: evals', '', '  - Evals (patch): 1 case added'].join('\n'));
  });

  it('lists updated dependencies like @changesets/changelog-git', async () => {
    const { getDependencyReleaseLine } = createChangelogFunctions(() => stubHistory({ loads: 0 }));
    expect(await getDependencyReleaseLine([], [], null)).toBe('');
    const updated = [{ name: '@promptpack/core', newVersion: '0.2.0' }] as Parameters<typeof getDependencyReleaseLine>[1];
    expect(await getDependencyReleaseLine([changeset([])], updated, null)).toBe('- Updated dependencies [abcdef0]:\n  - @promptpack/core@0.2.0');
  });
});
