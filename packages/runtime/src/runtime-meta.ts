import type { ResolutionReason } from './resolve-version.js';

/** The meta every render carries: the package's own meta plus how the version was chosen. */
export interface RuntimeMeta {
  id: string;
  version: string;
  contentHash: string;
  flag: string;
  variant: string | undefined;
  reason: ResolutionReason;
}

export type RuntimeRenderResult<Result> = Result extends { meta: infer Meta } ? Omit<Result, 'meta'> & { meta: Meta & RuntimeMeta } : Result & { meta: RuntimeMeta };
