import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { checkRendered } from '../check-rendered.js';
import { promptMetadata } from '../prompt-metadata.js';
import type { RenderedPrompt } from '../rendered-prompt.js';

/**
 * The messages as LangChain's own classes, for `model.invoke(messages)`:
 * LangChain's types refuse plain `{ role, content }` objects, and its
 * providers map these classes to each API's roles themselves.
 */
export function toLangChain(result: RenderedPrompt): BaseMessage[] {
  checkRendered(result, 'toLangChain');
  return result.messages.map(({ role, content }) => {
    if (role === 'system') return new SystemMessage(content);
    if (role === 'assistant') return new AIMessage(content);
    return new HumanMessage(content);
  });
}

/** A RunnableConfig part for `model.invoke(messages, toLangChainConfig(result))`: LangSmith runs and callbacks then carry the prompt version. */
export interface LangChainPromptConfig {
  runName: string;
  metadata: Record<string, string>;
}

export function toLangChainConfig(result: RenderedPrompt): LangChainPromptConfig {
  checkRendered(result, 'toLangChainConfig');
  return { runName: result.meta.id, metadata: promptMetadata(result) };
}
