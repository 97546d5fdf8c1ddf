import type { ManifestIdentity } from '@promptpack/spec/plain';

/**
 * What the runtime needs from an installed prompt package: its render
 * function and manifest. Structural, so any version built by any promptpack
 * release fits, imported as a namespace or as the default object.
 */
export interface PromptModule<Variables = never, Result = unknown> {
  render(variables: Variables): Result;
  /** The parts of @promptpack/spec's manifest.json the runtime reads. */
  readonly manifest: Readonly<ManifestIdentity> & { readonly variables: unknown };
}

// `any` here is what lets each version keep its own precise types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPromptModule = PromptModule<any, any>;

export interface PromptVersions<Stable extends AnyPromptModule = AnyPromptModule, Candidate extends AnyPromptModule = AnyPromptModule> {
  /** Served when the flag is off, missing, unreachable or names something not installed. */
  stable: Stable;
  /** Other installed versions a flag may select. */
  candidates?: readonly Candidate[];
}

export type PromptsConfig = Record<string, PromptVersions>;

// Through `infer`: indexing a config without `candidates` would give `any` and switch every check off.
type VersionOf<Entry extends PromptVersions> = Entry['stable'] | (Entry extends { readonly candidates: readonly (infer Candidate extends AnyPromptModule)[] } ? Candidate : never);

type UnionToIntersection<Union> = (Union extends unknown ? (value: Union) => void : never) extends (value: infer Intersection) => void
  ? Intersection
  : never;

/** Variables a call must pass: what every installed version of the prompt accepts. */
export type VariablesFor<Entry extends PromptVersions> = UnionToIntersection<Parameters<VersionOf<Entry>['render']>[0]>;

/**
 * render()'s second argument (`{ history }`) as every installed version
 * accepts it: `never` when one of them takes no chat history, so the flag
 * can never serve history to a version that would refuse it.
 */
export type RenderOptionsFor<Entry extends PromptVersions> = 'none' extends RenderOptionsOf<VersionOf<Entry>> ? never : UnionToIntersection<Exclude<RenderOptionsOf<VersionOf<Entry>>, 'none'>[0]>;

// Per version (distributed over the union): its options in a tuple, or 'none' for a render() without a
// second parameter, so one such version makes the whole never instead of vanishing from the union.
// Inferred from the method itself: narrowing to AnyPromptModule first would pick its one-parameter render.
type RenderOptionsOf<Module> = Module extends { render(variables: never, ...rest: infer Rest): unknown } ? (Rest extends [] ? 'none' : [NonNullable<Rest[0]>]) : 'none';

/** What render returns: one of the installed versions' results. */
export type RenderResultFor<Entry extends PromptVersions> = ReturnType<VersionOf<Entry>['render']>;
