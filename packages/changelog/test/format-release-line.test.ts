import type { PromptImpact } from '@promptpack/core';
import { describe, expect, it } from 'vitest';
import { formatReleaseLine } from '../src/format-release-line.js';
import type { PromptNotes } from '../src/release-notes.js';

const policyHash = 'sha256:ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12';

function notes(impact: Partial<PromptImpact>, extra: Partial<PromptNotes> = {}): PromptNotes {
  return {
    name: '@acme/prompt-support-reply',
    previousVersion: '1.4.0',
    impact: { id: 'support-reply', bump: 'none', changes: [], added: false, ...impact },
    policyHash,
    ...extra,
  };
}

describe('formatReleaseLine', () => {
  it('names the new policy hash when the policy changed', () => {
    const line = formatReleaseLine({
      summary: 'Refunds over 100 EUR need a manager.',
      commit: '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b',
      prompts: [
        notes({
          bump: 'minor',
          changes: [
            { part: 'template', bump: 'patch', summary: 'wording changed (1 line)' },
            { part: 'policy', bump: 'minor', summary: 'policy text changed (2 lines)' },
          ],
        }),
      ],
    });
    expect(line).toBe(
      [
        '- 1a2b3c4: Refunds over 100 EUR need a manager.',
        '',
        '  Prompt parts changed since 1.4.0: policy, template',
        '',
        `  - Policy changed — new policy hash \`${policyHash}\``,
        '  - Template (patch): wording changed (1 line)',
      ].join('\n'),
    );
  });

  it('lists each variable and output change with the bump it requires', () => {
    const line = formatReleaseLine({
      summary: 'Ask for the ticket priority; the reply carries a confidence.',
      prompts: [
        notes({
          bump: 'major',
          changes: [
            { part: 'output', bump: 'minor', summary: 'optional field "confidence" added', path: 'confidence' },
            { part: 'variables', bump: 'major', summary: 'variable "ticket.priority" added, required', path: 'ticket.priority' },
            { part: 'variables', bump: 'minor', summary: 'variable "customer.locale" added, optional', path: 'customer.locale' },
          ],
        }),
      ],
    });
    expect(line).toBe(
      [
        '- Ask for the ticket priority; the reply carries a confidence.',
        '',
        '  Prompt parts changed since 1.4.0: variables, output schema',
        '',
        '  - Variables (major): variable "ticket.priority" added, required',
        '  - Variables (minor): variable "customer.locale" added, optional',
        '  - Output schema (minor): optional field "confidence" added',
      ].join('\n'),
    );
    expect(line).not.toContain('policy hash');
  });

  it('says so when only the evals changed', () => {
    const line = formatReleaseLine({
      summary: 'Two golden cases for refunds.',
      commit: 'abcdef1',
      prompts: [notes({ bump: 'patch', changes: [{ part: 'evals', bump: 'patch', summary: '2 cases added' }] })],
    });
    expect(line).toBe(
      ['- abcdef1: Two golden cases for refunds.', '', '  Prompt parts changed since 1.4.0: evals', '', '  - Evals (patch): 2 cases added'].join('\n'),
    );
  });

  it('gives the policy hash of a first release instead of a list of parts', () => {
    const line = formatReleaseLine({
      summary: 'First version of the order-help prompt.',
      prompts: [notes({ bump: 'major', added: true, changes: [{ part: 'policy', bump: 'major', summary: 'new prompt' }] }, { previousVersion: undefined })],
    });
    expect(line).toBe(['- First version of the order-help prompt.', '', `  First release — policy hash \`${policyHash}\``].join('\n'));
  });

  it('keeps a tooling package entry to the summary, indenting further summary lines', () => {
    const line = formatReleaseLine({ summary: 'Faster builds.\n\nThe compiler caches templates.\n', commit: '0123456789', prompts: [] });
    expect(line).toBe(['- 0123456: Faster builds.', '', '  The compiler caches templates.'].join('\n'));
  });

  it('labels each prompt when the changeset bumps several packages the same way', () => {
    const line = formatReleaseLine({
      summary: 'Shared tone guide updated.',
      labelPrompts: true,
      prompts: [
        notes({ bump: 'minor', changes: [{ part: 'policy', bump: 'minor', summary: 'policy text changed' }] }),
        notes({ bump: 'none' }, { name: '@acme/prompt-refund-triage', previousVersion: '2.0.1' }),
      ],
    });
    expect(line).toBe(
      [
        '- Shared tone guide updated.',
        '',
        '  `@acme/prompt-support-reply`: Prompt parts changed since 1.4.0: policy',
        '',
        `  - Policy changed — new policy hash \`${policyHash}\``,
        '',
        '  `@acme/prompt-refund-triage`: No prompt parts changed since 2.0.1',
      ].join('\n'),
    );
  });

  it('says why the parts are unknown when the previous release could not be read', () => {
    const line = formatReleaseLine({
      summary: 'Fix a typo.',
      prompts: [{ name: '@acme/prompt-x', previousVersion: '0.9.0', impact: undefined, comparisonError: 'cannot read the prompt at tag `@acme/prompt-x@0.9.0`: bad yaml', policyHash }],
    });
    expect(line).toContain('Prompt parts changed since 0.9.0: unknown — cannot read the prompt at tag `@acme/prompt-x@0.9.0`: bad yaml');
  });
});
