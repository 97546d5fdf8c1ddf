import type { RuntimeMeta } from './runtime-meta.js';
import type { FlagContext } from './flag-source.js';
import { answerSpan, failSpan, type ModelCallSpan, type ModelCallTracer, requestSpan } from './model-call-span.js';
import { errorType } from './outcome-attributes.js';
import type { ModelDefaultsLike, OutcomeRecorder } from './outcome-recorder.js';
import type { PromptsConfig, PromptVersions } from './prompt-module.js';

/** What the service's model function returns: the answer text and what it knows about the call. */
export interface ModelAnswer {
  text: string;
  usage?: { inputTokens?: number; outputTokens?: number };
  /** What the call cost, in US dollars. */
  costUsd?: number;
  /** The model the request went to, when the service chose another than the prompt's default. */
  model?: string;
  provider?: string;
}

/** Sends a rendered request to a model. Its errors reach callModel's caller unchanged. */
export type ModelCall<Rendered, Answer extends ModelAnswer> = (request: Rendered) => Promise<Answer>;

type ParsedBy<Module> = Module extends { safeParseOutput(text: string): infer Result } ? Result : { success: true; data: string; error?: undefined };

/** What the served version's safeParseOutput returns (the text as is for a prompt without an output schema). */
export type ParsedOutputFor<Entry extends PromptVersions> = ParsedBy<Entry['stable'] | NonNullable<Entry['candidates']>[number]>;

export interface ModelCallResult<Entry extends PromptVersions, Rendered, Answer> {
  /** What render returned: the request that was sent. */
  rendered: Rendered;
  /** What the model function returned. */
  answer: Answer;
  /** The answer parsed against the served version's output schema. */
  output: ParsedOutputFor<Entry>;
  outcome: 'ok' | 'parse_failure';
  /** How long the model function took, in milliseconds. */
  latencyMs: number;
}

type Parser = (text: unknown) => { success: boolean };

interface Rendered {
  meta: RuntimeMeta;
  model?: ModelDefaultsLike & { temperature?: unknown; maxTokens?: unknown };
}

interface ModelCallerOptions {
  prompts: PromptsConfig;
  render: (id: string, variables: unknown, context: FlagContext) => Rendered;
  recorder: OutcomeRecorder;
  /** The tracer, looked up per call (undefined: no span). */
  tracer: () => ModelCallTracer | undefined;
}

/** Builds runtime.callModel over a render function and an outcome recorder. */
export function modelCaller(options: ModelCallerOptions) {
  const parsers = outputParsers(options.prompts);

  const invoke = async (rendered: Rendered, model: ModelCall<Rendered, ModelAnswer>, span: ModelCallSpan | undefined) => {
    const { meta } = rendered;
    const started = performance.now();
    let answer: ModelAnswer;
    try {
      answer = await model(rendered);
    } catch (error) {
      options.recorder.report(meta, { latencyMs: performance.now() - started, error }, rendered.model);
      if (span) safely(() => failSpan(span, error, errorType(error)));
      throw error;
    }
    const latencyMs = performance.now() - started;
    const text = typeof answer === 'object' && answer !== null ? answer.text : undefined;
    const parse = parsers.get(meta.id)?.get(meta.version);
    const output = parse ? parseSafely(parse, text, meta) : typeof text === 'string' ? { success: true, data: text } : { success: false, error: new TypeError(`The model function for ${meta.id}@${meta.version} resolved to ${answer === null ? 'null' : typeof answer} without a text string; resolve to { text, usage }.`) };
    const outcome = output.success ? 'ok' : 'parse_failure';
    const { usage, costUsd, model: calledModel, provider } = typeof answer === 'object' && answer !== null ? answer : ({} as ModelAnswer);
    options.recorder.report(meta, { latencyMs, inputTokens: usage?.inputTokens, outputTokens: usage?.outputTokens, costUsd, parsed: output.success, model: calledModel, provider }, rendered.model);
    if (span) {
      safely(() => {
        if (typeof calledModel === 'string' && calledModel !== rendered.model?.name) {
          span.updateName(`chat ${calledModel}`);
          span.setAttribute('gen_ai.request.model', calledModel);
        }
        answerSpan(span, { inputTokens: usage?.inputTokens, outputTokens: usage?.outputTokens, outcome });
      });
    }
    return { rendered, answer, output, outcome, latencyMs };
  };

  return async (id: string, variables: unknown, context: FlagContext, model: ModelCall<Rendered, ModelAnswer>) => {
    const rendered = options.render(id, variables, context);
    const tracer = options.tracer();
    if (!tracer) return invoke(rendered, model, undefined);
    let started = false;
    try {
      const { name, options: spanOptions } = requestSpan(rendered.meta, rendered.model);
      return await tracer.startActiveSpan(name, spanOptions, (span) => {
        started = true;
        return invoke(rendered, model, span).finally(() => safely(() => span.end()));
      });
    } catch (error) {
      // A tracer that failed before calling back must not cost the request its model call.
      if (!started) return invoke(rendered, model, undefined);
      throw error;
    }
  };
}

/** Per prompt and version: the version's safeParseOutput, when it declares an output schema. */
function outputParsers(prompts: PromptsConfig): Map<string, Map<string, Parser>> {
  const parsers = new Map<string, Map<string, Parser>>();
  for (const [id, entry] of Object.entries(prompts)) {
    const byVersion = new Map<string, Parser>();
    for (const module of [entry.stable, ...(entry.candidates ?? [])]) {
      const { safeParseOutput, manifest } = module as { safeParseOutput?: unknown; manifest: { output?: unknown } };
      if (typeof safeParseOutput === 'function' && manifest.output !== undefined && manifest.output !== null) {
        byVersion.set(module.manifest.version, safeParseOutput as Parser);
      }
    }
    parsers.set(id, byVersion);
  }
  return parsers;
}

// safeParseOutput never throws by contract; a package that breaks it still only fails to parse.
function parseSafely(parse: Parser, text: unknown, meta: RuntimeMeta): { success: boolean; error?: unknown } {
  try {
    return parse(text);
  } catch (error) {
    return { success: false, error: new TypeError(`${meta.id}@${meta.version}'s safeParseOutput threw: ${(error as Error).message}`) };
  }
}

function safely(action: () => void): void {
  try {
    action();
  } catch {
    // Tracing must never fail a model call.
  }
}
