// Every key of prompt.yaml's `model` block, through each adapter: sent under
// the SDK's own name where the API has it, and left out where it has not.
import { describe, expect, it } from 'vitest';
import { toAiSdkText } from '../src/ai-sdk/index.js';
import { toAnthropic } from '../src/anthropic/index.js';
import { AdapterError, type RenderedPrompt } from '../src/index.js';
import { toLangChainConfig } from '../src/langchain/index.js';
import { toOpenAIChat, toOpenAIResponses } from '../src/openai/index.js';

const result: RenderedPrompt = {
  messages: [
    { role: 'system', content: 'Policy.' },
    { role: 'system', content: 'Shared section.' },
    { role: 'user', content: 'Question?' },
  ],
  model: { name: 'gpt-4o-mini', provider: 'openai', temperature: 0.2, maxTokens: 300, topP: 0.9, frequencyPenalty: 0.1, presencePenalty: 0.4, seed: 3, stop: ['END'] },
  meta: { id: 'support-reply', version: '1.2.0', contentHash: 'sha256:abc' },
};

describe('model settings', () => {
  it('openai chat: every setting, under its snake_case name', () => {
    const { messages: _messages, ...settings } = toOpenAIChat(result);
    expect(settings).toEqual({ model: 'gpt-4o-mini', max_completion_tokens: 300, temperature: 0.2, top_p: 0.9, frequency_penalty: 0.1, presence_penalty: 0.4, seed: 3, stop: ['END'] });
  });

  it('openai responses: no seed, stop or penalties (the API has none)', () => {
    const { input: _input, ...settings } = toOpenAIResponses(result);
    expect(settings).toEqual({ model: 'gpt-4o-mini', max_output_tokens: 300, temperature: 0.2, top_p: 0.9 });
  });

  it('anthropic: max_tokens and stop_sequences; several system messages stay separate blocks', () => {
    const { messages, ...settings } = toAnthropic(result, { model: 'claude-sonnet-4-5' });
    expect(settings).toEqual({ model: 'claude-sonnet-4-5', max_tokens: 300, stop_sequences: ['END'], system: [{ type: 'text', text: 'Policy.' }, { type: 'text', text: 'Shared section.' }] });
    expect(messages).toEqual([{ role: 'user', content: 'Question?' }]);
  });

  it('ai sdk: camelCase settings, several system messages as system messages of the system option', () => {
    const { experimental_telemetry: _telemetry, ...settings } = toAiSdkText(result);
    expect(settings).toEqual({
      system: [{ role: 'system', content: 'Policy.' }, { role: 'system', content: 'Shared section.' }],
      messages: [{ role: 'user', content: 'Question?' }],
      maxOutputTokens: 300, temperature: 0.2, topP: 0.9, frequencyPenalty: 0.1, presencePenalty: 0.4, seed: 3, stopSequences: ['END'],
    });
  });

  it('langchain: the run is named after the prompt and carries its version', () => {
    expect(toLangChainConfig(result)).toEqual({
      runName: 'support-reply',
      metadata: { 'promptpack.prompt.id': 'support-reply', 'promptpack.prompt.version': '1.2.0', 'promptpack.prompt.content_hash': 'sha256:abc' },
    });
  });

  it('asks for a model when prompt.yaml names none and no option does', () => {
    const unnamed = { ...result, model: { maxTokens: 300 } };
    for (const adapter of [() => toOpenAIChat(unnamed), () => toOpenAIResponses(unnamed), () => toAnthropic(unnamed)]) {
      let error: unknown;
      try {
        adapter();
      } catch (caught) {
        error = caught;
      }
      expect(AdapterError.isInstance(error) && error.code).toBe('adapters/missing-model');
      expect((error as Error).message).toContain('support-reply@1.2.0 names no model');
    }
    expect(toOpenAIChat(unnamed, { model: 'gpt-4.1' }).model).toBe('gpt-4.1');
  });

  it('recognises an AdapterError from another copy of the package, and nothing else', () => {
    const copy = Object.assign(new Error('x'), { [Symbol.for('promptpack.adapter-error')]: true });
    expect(AdapterError.isInstance(copy)).toBe(true);
    expect(AdapterError.isInstance(new Error('x'))).toBe(false);
    expect(AdapterError.isInstance(null)).toBe(false);
  });
});
