import type { FlagContext, FlagDecision, FlagSource } from './flag-source.js';
import { annotateActiveSpan, detectOpenTelemetry, type OpenTelemetryApi } from './opentelemetry.js';
import { checkVersions } from './check-versions.js';
import { outcomeReporting, type OutcomeOptions, type OutcomeReporting } from './outcome-reporting.js';
import type { AnyPromptModule, PromptsConfig, RenderOptionsFor, RenderResultFor, VariablesFor } from './prompt-module.js';
import { sameShape, variablesProjector } from './project-variables.js';
import type { ResolutionEvent, RuntimeWarning } from './resolution-event.js';
import { versionResolver, type Resolution, type ResolutionReason } from './resolve-version.js';
import { PromptRuntimeError } from './runtime-error.js';
import type { RuntimeMeta, RuntimeRenderResult } from './runtime-meta.js';
import { warnOnce } from './warn-once.js';

export type { RuntimeMeta, RuntimeRenderResult } from './runtime-meta.js';

export interface PromptRuntimeOptions<Prompts extends PromptsConfig> extends OutcomeOptions {
  prompts: Prompts;
  flags: FlagSource;
  /** Flag name for prompt `id` is `${flagPrefix}${id}` (default 'prompt.'). */
  flagPrefix?: string;
  /** Called for every render with the version served and why. Must be cheap; errors are swallowed. */
  onResolve?: (event: ResolutionEvent) => void;
  /** Called once per distinct problem (unknown variant, missing flag, source failure). */
  onWarning?: (warning: RuntimeWarning) => void;
  /** The @opentelemetry/api module; detected automatically when installed. `false` turns span attributes off, and the default meter and tracer. */
  opentelemetry?: OpenTelemetryApi | false;
}

export interface PromptRuntime<Prompts extends PromptsConfig> extends OutcomeReporting<Prompts> {
  /**
   * Renders prompt `id` with the version its flag selects for this context;
   * `options` goes to the package's render() as is (`{ history }`, for a
   * prompt whose every installed version declares `history:`). Never throws
   * because of flags; throws the package's PromptVariablesError for invalid
   * variables, its PromptHistoryError for invalid history.
   */
  render<Id extends keyof Prompts & string>(id: Id, variables: VariablesFor<Prompts[Id]>, context?: FlagContext, options?: RenderOptionsFor<Prompts[Id]>): RuntimeRenderResult<RenderResultFor<Prompts[Id]>>;
  /** render() for flag sources whose evaluation is asynchronous (OpenFeature); works with every source. */
  renderAsync<Id extends keyof Prompts & string>(
    id: Id,
    variables: VariablesFor<Prompts[Id]>,
    context?: FlagContext,
    options?: RenderOptionsFor<Prompts[Id]>,
  ): Promise<RuntimeRenderResult<RenderResultFor<Prompts[Id]>>>;
  /** Which version a context gets, without rendering. */
  resolve<Id extends keyof Prompts & string>(id: Id, context?: FlagContext): Omit<RuntimeMeta, 'id'> & { id: Id };
  resolveAsync<Id extends keyof Prompts & string>(id: Id, context?: FlagContext): Promise<Omit<RuntimeMeta, 'id'> & { id: Id }>;
  /** Installed versions per prompt, stable first: what this service can serve. */
  inventory(): Array<{ id: string; name: string; stable: string; versions: Array<{ version: string; contentHash: string }> }>;
  close(): Promise<void>;
}

/** One installed version, with what a request served by it needs: one lookup per request. */
interface InstalledVersion {
  module: AnyPromptModule;
  contentHash: string;
  /** Undefined when the version takes the caller's variables as they are. */
  project: ((value: unknown) => unknown) | undefined;
}

interface Installed {
  id: string;
  flag: string;
  stable: AnyPromptModule;
  byVersion: Map<string, InstalledVersion>;
  resolve: (decision: FlagDecision) => Resolution;
}

/** Builds a runtime over installed prompt versions and a flag source. Validates the configuration up front. */
export function createPromptRuntime<const Prompts extends PromptsConfig>(options: PromptRuntimeOptions<Prompts>): PromptRuntime<Prompts> {
  const prefix = options.flagPrefix ?? 'prompt.';
  const installed = new Map<string, Installed>();
  for (const [id, entry] of Object.entries(options.prompts)) {
    const versions = [entry.stable, ...(entry.candidates ?? [])];
    checkVersions(id, versions);
    const uniform = versions.every((module) => sameShape(module.manifest.variables, entry.stable.manifest.variables));
    const byVersion = new Map(
      versions.map((module) => [module.manifest.version, { module, contentHash: module.manifest.contentHash, project: uniform ? undefined : variablesProjector(module.manifest.variables) }]),
    );
    installed.set(id, { id, flag: `${prefix}${id}`, stable: entry.stable, byVersion, resolve: versionResolver(entry.stable.manifest.version, new Set(byVersion.keys())) });
  }

  const warn = warnOnce((warning) => safely(() => options.onWarning?.(warning)));
  const otel = options.opentelemetry === false ? undefined : (options.opentelemetry ?? detectOpenTelemetry());
  const unsubscribe = options.flags.subscribe((event) => {
    if (event.type === 'error' || event.type === 'warning') warn({ source: event.source, code: 'source-error', message: event.message });
  });

  const lookup = (id: string): Installed => {
    const prompt = installed.get(id);
    if (!prompt) {
      throw new PromptRuntimeError('runtime/unknown-prompt', `Unknown prompt "${id}".`, `Installed prompts: ${[...installed.keys()].join(', ') || 'none'}. Add it to createPromptRuntime({ prompts }).`);
    }
    return prompt;
  };

  const decide = (prompt: Installed, context: FlagContext): FlagDecision => {
    try {
      return options.flags.evaluate(prompt.flag, context);
    } catch (error) {
      return { status: 'error', message: `flag source threw: ${(error as Error).message}` };
    }
  };

  const decideAsync = async (prompt: Installed, context: FlagContext): Promise<FlagDecision> => {
    if (!options.flags.evaluateAsync) return decide(prompt, context);
    try {
      return await options.flags.evaluateAsync(prompt.flag, context);
    } catch (error) {
      return { status: 'error', message: `flag source failed: ${(error as Error).message}` };
    }
  };

  const choose = (prompt: Installed, decision: FlagDecision) => {
    const resolution = prompt.resolve(decision);
    if (resolution.detail && resolution.reason !== 'flag-disabled' && resolution.reason !== 'flag-no-variant') {
      warn({ id: prompt.id, flag: prompt.flag, source: options.flags.name, code: resolution.reason as RuntimeWarning['code'], message: `${prompt.flag}: ${resolution.detail}; serving stable ${prompt.stable.manifest.version}.` });
    }
    return resolution;
  };

  const renderWith = (id: string, prompt: Installed, resolution: Resolution, variables: unknown, options: unknown) => {
    const { module, contentHash, project } = prompt.byVersion.get(resolution.version)!;
    const input = project ? project(variables) : variables;
    // Without options (most calls) the package is called exactly as before.
    const result = (options === undefined ? module.render(input) : renderWithOptions(id, module, input, options)) as { meta: Record<string, unknown> };
    let served: { meta: Record<string, unknown> } = result;
    if (Object.isFrozen(result) || Object.isFrozen(result.meta)) {
      served = withCopiedMeta(result, { id, version: resolution.version, contentHash, flag: prompt.flag, variant: resolution.variant, reason: resolution.reason });
    } else {
      // render() returns a fresh object per call: extend its meta in place rather than copying twice.
      const meta = result.meta as unknown as RuntimeMeta;
      meta.id = id;
      meta.version = resolution.version;
      meta.contentHash = contentHash;
      meta.flag = prompt.flag;
      meta.variant = resolution.variant;
      meta.reason = resolution.reason;
    }
    // Every request is reported, whichever branch built its result.
    if (reporting) report({ id, flag: prompt.flag, version: resolution.version, variant: resolution.variant, reason: resolution.reason, contentHash, fallback: !deliberate.has(resolution.reason) });
    return served as never;
  };

  const describe = (id: string, prompt: Installed, resolution: Resolution) => ({
    id,
    version: resolution.version,
    contentHash: prompt.byVersion.get(resolution.version)!.contentHash,
    flag: prompt.flag,
    variant: resolution.variant,
    reason: resolution.reason,
  });

  const reporting = options.onResolve !== undefined || otel !== undefined;
  // Per request, so no closure per hook: a listener that throws is caught right here.
  const report = (event: ResolutionEvent) => {
    if (options.onResolve) {
      try {
        options.onResolve(event);
      } catch {
        // Observability hooks must never fail a request.
      }
    }
    if (otel) {
      try {
        annotateActiveSpan(otel, event);
      } catch {
        // As above.
      }
    }
  };

  const runtime: Omit<PromptRuntime<Prompts>, keyof OutcomeReporting<Prompts>> = {
    render(id, variables, context = {}, options = undefined) {
      const prompt = lookup(id);
      return renderWith(id, prompt, choose(prompt, decide(prompt, context)), variables, options);
    },
    async renderAsync(id, variables, context = {}, options = undefined) {
      const prompt = lookup(id);
      return renderWith(id, prompt, choose(prompt, await decideAsync(prompt, context)), variables, options);
    },
    resolve(id, context = {}) {
      const prompt = lookup(id);
      return describe(id, prompt, choose(prompt, decide(prompt, context))) as never;
    },
    async resolveAsync(id, context = {}) {
      const prompt = lookup(id);
      return describe(id, prompt, choose(prompt, await decideAsync(prompt, context))) as never;
    },
    inventory() {
      return [...installed.values()].map((prompt) => ({
        id: prompt.id,
        name: prompt.stable.manifest.name,
        stable: prompt.stable.manifest.version,
        versions: [...prompt.byVersion.values()].map(({ module }) => ({ version: module.manifest.version, contentHash: module.manifest.contentHash })),
      }));
    },
    async close() {
      unsubscribe();
      await options.flags.close();
    },
  };
  const render = (id: string, variables: unknown, context: FlagContext) => runtime.render(id as never, variables as never, context) as never;
  return Object.assign(runtime, outcomeReporting<Prompts>({ prompts: options.prompts, api: otel, meter: options.meter, tracer: options.tracer, warn, render }));
}

/**
 * A package built before chat history existed ignores a second argument: it
 * would render without the turns and the model would answer out of context.
 * Only a manifest that declares `history` proves the version reads them.
 */
function renderWithOptions(id: string, module: AnyPromptModule, variables: unknown, options: unknown): unknown {
  const history = (options as { history?: unknown } | null)?.history;
  if (history !== undefined && (module.manifest as { history?: unknown }).history === undefined) {
    throw new PromptRuntimeError(
      'runtime/history-unsupported',
      `Prompt "${id}" version ${module.manifest.version} takes no chat history (its manifest declares no history), but render() was given options.history.`,
      'Install only versions whose prompt.yaml declares history: (build them with this promptpack), or leave history out for this prompt.',
    );
  }
  return (module.render as (variables: unknown, options: unknown) => unknown)(variables, options);
}

/** For a version whose render result is frozen: the same result, with the runtime meta on a copy. */
function withCopiedMeta(result: { meta: Record<string, unknown> }, extra: RuntimeMeta): { meta: Record<string, unknown> } {
  return { ...result, meta: { ...result.meta, ...extra } };
}

// Flag states an operator chose on purpose; every other reason is a fallback.
const deliberate = new Set<ResolutionReason>(['flag-variant', 'flag-disabled', 'flag-no-variant']);

function safely(action: () => void): void {
  try {
    action();
  } catch {
    // Observability hooks must never fail a request.
  }
}
