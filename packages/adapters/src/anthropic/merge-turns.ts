import type Anthropic from '@anthropic-ai/sdk';
import type { RenderedMessage } from '../rendered-prompt.js';

/**
 * User and assistant messages as Anthropic turns. The Messages API expects
 * turns to alternate and folds consecutive same-role turns into one itself;
 * doing it here, each message as its own text block, keeps the request the
 * SDK sends equal to what the model reads.
 */
export function mergeTurns(messages: readonly RenderedMessage[]): Anthropic.MessageParam[] {
  const turns: Array<{ role: 'user' | 'assistant'; texts: string[] }> = [];
  for (const { role, content } of messages) {
    if (role === 'system') continue;
    const last = turns.at(-1);
    if (last?.role === role) last.texts.push(content);
    else turns.push({ role, texts: [content] });
  }
  return turns.map(({ role, texts }) => ({
    role,
    content: texts.length === 1 ? texts[0]! : texts.map((text) => ({ type: 'text' as const, text })),
  }));
}
