import { packageBuild } from '../../tsup.package';

// One entry per SDK, so `@promptpack/adapters/openai` never loads another SDK's adapter (test/subpath-imports.test.ts).
export default packageBuild({
  entry: { index: 'src/index.ts', openai: 'src/openai/index.ts', anthropic: 'src/anthropic/index.ts', 'ai-sdk': 'src/ai-sdk/index.ts', langchain: 'src/langchain/index.ts' },
  external: ['openai', '@anthropic-ai/sdk', 'ai', '@langchain/core'],
});
