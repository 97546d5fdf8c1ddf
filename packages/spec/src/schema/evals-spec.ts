import { z } from 'zod';
import { zodParser } from '../parse/zod-parser.js';
import { schemaNodeSchema } from './schema-node.js';

// Assertion names follow promptfoo's where one exists, so authors moving
// between tools read the same words.
const text = z.string().min(1);
const note = { description: z.string().optional() };

export const assertionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('equals'), value: z.string(), ...note }),
  z.strictObject({ type: z.enum(['contains', 'icontains', 'not-contains', 'not-icontains', 'starts-with']), value: text, ...note }),
  z.strictObject({ type: z.enum(['contains-any', 'contains-all', 'icontains-any', 'icontains-all']), value: z.array(text).min(1), ...note }),
  z.strictObject({ type: z.enum(['regex', 'not-regex']), value: text, flags: z.string().regex(/^[imsu]*$/).optional(), ...note }),
  z.strictObject({ type: z.literal('is-json'), ...note }),
  // promptfoo's names. A marker-phrase heuristic ("I can't help with", "I'm
  // unable to", ...): robust for prose answers, meaningless for JSON ones,
  // where a field-equals on the decision says more.
  z.strictObject({ type: z.enum(['is-refusal', 'not-is-refusal']), ...note }),
  z.strictObject({ type: z.literal('json-schema'), value: schemaNodeSchema.optional(), ...note }),
  z.strictObject({
    type: z.literal('field-equals'),
    path: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/, 'a dotted path such as decision or refund.amountCents'),
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
    ...note,
  }),
  z.strictObject({ type: z.enum(['max-words', 'max-chars']), value: z.int().positive(), ...note }),
  z.strictObject({ type: z.literal('latency'), value: z.number().positive().describe('milliseconds'), ...note }),
  z.strictObject({ type: z.literal('cost'), value: z.number().positive().describe('US dollars'), ...note }),
  // A person decides, on the page `promptpack review` serves; the rubric is what they read.
  z.strictObject({ type: z.literal('human'), rubric: text, ...note }),
]);

export const tierSchema = z.enum(['blocking', 'monitoring', 'backlog']);

export const evalCaseSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a case id is lowercase letters, digits and dashes'),
  description: z.string().min(1).optional(),
  tier: tierSchema.default('blocking'),
  tags: z.array(z.string().min(1)).optional(),
  /**
   * The right answer is to decline (jailbreaks, out-of-scope requests). The
   * assertions say what a right refusal looks like (a refusal phrase, an
   * escalate decision, `is-refusal`); what this flag adds is that a failed
   * check for forbidden content (`not-*`, `is-refusal`) is never rescued by
   * the soft assertions: a leak fails the case however well it is worded.
   */
  refusal: z.boolean().optional(),
  variables: z.record(z.string(), z.unknown()),
  /** Hard assertions: all must hold for a hard pass. */
  assert: z.array(assertionSchema).min(1),
  /** Soft assertions: an acceptable paraphrase when a hard one fails. */
  soft: z.array(assertionSchema).optional(),
  /** A person grades the answer too (`promptpack review`); `human.rubric` says what they judge. */
  review: z.boolean().optional(),
  human: z.strictObject({ rubric: text }).optional(),
});

export const thresholdsSchema = z.strictObject({
  /** Share of blocking cases that must hard-pass. */
  hardPassRate: z.number().min(0).max(1).default(0.9),
  /** Share of blocking cases that must hard- or soft-pass. */
  passRate: z.number().min(0).max(1).default(0.95),
  /** Largest allowed drop of the hard-pass rate against the baseline, in percentage points. */
  maxDropPoints: z.number().min(0).max(100).default(2),
  /** How a case still waiting for its human review counts in the rates; by default as a failure. */
  human: z.strictObject({ pendingCountsAs: z.enum(['pass', 'fail']).default('fail') }).optional(),
});

/** `evals.yaml`: golden cases and the gate they feed. */
export const evalManifestSchema = z.strictObject({
  $schema: z.string().optional(),
  repeats: z.int().min(1).max(25).default(3),
  thresholds: thresholdsSchema.prefault({}),
  cases: z.array(evalCaseSchema).min(1),
});

export type Assertion = z.infer<typeof assertionSchema>;
export type EvalCase = z.infer<typeof evalCaseSchema>;
export type EvalManifest = z.infer<typeof evalManifestSchema>;
export type Tier = z.infer<typeof tierSchema>;

const parser = zodParser<EvalManifest>('evals.yaml', undefined, evalManifestSchema, 'Start from the evals.yaml `promptpack new` writes; `promptpack validate` points at each problem with file:line:col.');

/** Checks a parsed evals.yaml and applies its defaults; never throws. */
export const safeParseEvalsSpec = parser.safeParse;
/** `safeParseEvalsSpec` that throws the `SpecificationError`. */
export const parseEvalsSpec = parser.parse;
