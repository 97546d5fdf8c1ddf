import { z } from 'zod';
import { zodParser } from '../parse/zod-parser.js';
import { historyTurnSchema } from './history-spec.js';
import { schemaNodeSchema } from './schema-node.js';
import { toolNameSchema } from './tools-spec.js';

// Assertion names follow promptfoo's where one exists, so authors moving
// between tools read the same words.
const text = z.string().min(1);
const note = { description: z.string().optional() };

// A JSON value as YAML writes one: what `equals` deep-compares a parsed answer with.
const jsonObject = z.union([z.array(z.json()), z.record(z.string(), z.json())]);
const count = z.int().nonnegative();
const wordRange = z
  .strictObject({ min: count.optional(), max: count.optional() })
  .refine((range) => range.min !== undefined || range.max !== undefined, 'a word-count range gives min, max or both, e.g. { min: 20, max: 80 }')
  .refine((range) => range.min === undefined || range.max === undefined || range.min <= range.max, 'min must not be more than max');

// promptfoo names the bound of latency and cost `threshold`; a manifest
// written for an earlier promptpack says `value`, and is told to rename it
// at the key itself.
const renamedValue = (type: string, unit: string) => ({
  value: z
    .unknown()
    .refine((value) => value === undefined, `${type} takes threshold (${unit}), as in promptfoo: rename value to threshold`)
    .optional()
    .describe('not used: the bound is threshold'),
});

export const assertionSchema = z.discriminatedUnion('type', [
  // A string compares with the whole answer, exactly; an object or array with the answer parsed as JSON.
  z.strictObject({ type: z.enum(['equals', 'not-equals']), value: z.union([z.string(), z.number(), z.boolean(), jsonObject]), ...note }),
  z.strictObject({ type: z.enum(['contains', 'icontains', 'not-contains', 'not-icontains', 'starts-with', 'not-starts-with']), value: text, ...note }),
  z.strictObject({
    type: z.enum(['contains-any', 'contains-all', 'icontains-any', 'icontains-all', 'not-contains-any', 'not-contains-all', 'not-icontains-any', 'not-icontains-all']),
    value: z.array(text).min(1),
    ...note,
  }),
  z.strictObject({ type: z.enum(['regex', 'not-regex']), value: text, flags: z.string().regex(/^[imsu]*$/).optional(), ...note }),
  // With a value, the JSON must also fit that schema (plain JSON Schema, as promptfoo checks it).
  z.strictObject({ type: z.enum(['is-json', 'not-is-json', 'contains-json', 'not-contains-json']), value: schemaNodeSchema.optional(), ...note }),
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
  z.strictObject({ type: z.enum(['word-count', 'not-word-count']), value: z.union([count, wordRange]).describe('an exact count, or { min, max }'), ...note }),
  z.strictObject({
    type: z.enum(['finish-reason', 'not-finish-reason']),
    value: text.describe('what the provider reports: stop, length (cut off at max tokens), content_filter, tool_calls'),
    ...note,
  }),
  z.strictObject({ type: z.enum(['levenshtein', 'not-levenshtein']), value: z.string(), threshold: z.int().nonnegative().optional().describe('largest edit distance; default 5'), ...note }),
  z.strictObject({ type: z.literal('latency'), threshold: z.number().positive().describe('milliseconds'), ...renamedValue('latency', 'milliseconds'), ...note }),
  z.strictObject({ type: z.literal('cost'), threshold: z.number().positive().describe('US dollars'), ...renamedValue('cost', 'US dollars'), ...note }),
  // A person decides, on the page `promptpack review` serves; the rubric is what they read.
  z.strictObject({ type: z.literal('human'), rubric: text, ...note }),
  // Tool calls (tools.yaml). Each checks the answer's tool calls, not its
  // text; `promptpack validate` refuses a name the prompt does not declare.
  z.strictObject({
    type: z.literal('tool-called'),
    name: toolNameSchema.describe('The tool some call in the answer must name, e.g. lookup_order.'),
    arguments: z.record(z.string(), z.json()).optional().describe('Each key given must deep-equal that call argument; keys not given are not checked.'),
    schema: schemaNodeSchema.optional().describe("The call's arguments must fit this schema (the variables subset: objects accept no unknown keys)."),
    ...note,
  }),
  z.strictObject({
    type: z.literal('not-tool-called'),
    name: toolNameSchema.optional().describe('Without a name: the answer calls no tool at all; with one: no call of that tool.'),
    ...note,
  }),
  // promptfoo's meaning: at least one tool call, each naming a declared tool
  // with arguments valid against that tool's parameters.
  z.strictObject({ type: z.enum(['is-valid-openai-tools-call', 'not-is-valid-openai-tools-call']), ...note }),
  // Model-graded, as promptfoo means them. The judge is the llm-judge prompt
  // package of this repository; its verdicts and the embeddings are recorded
  // and replayed like answers (docs/evals.md).
  z.strictObject({
    type: z.literal('llm-rubric'),
    // The judge prompt (prompts/llm-judge) takes at most 8000 characters of rubric; said here so validate catches it.
    value: text.max(8000, 'a rubric is at most 8000 characters: it is sent to the judge with every answer').describe('the rubric: what a passing answer does, in plain words'),
    threshold: z.number().min(0).max(1).optional().describe("with it, a pass also needs the judge's score (0 to 1) at least this"),
    ...note,
  }),
  z.strictObject({
    type: z.enum(['similar', 'not-similar']),
    value: z.union([text, z.array(text).min(1)]).describe('the gold answer, or several: similar passes when any is close enough'),
    threshold: z.number().min(-1).max(1).optional().describe('cosine similarity of the embeddings; default 0.75'),
    ...note,
  }),
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
  /** Prior conversation turns, rendered as render(variables, { history }); only for a prompt that declares `history:`. */
  history: z.array(historyTurnSchema).min(1).optional(),
  /** Hard assertions: all must hold for a hard pass. */
  assert: z.array(assertionSchema).min(1),
  /** Soft assertions: an acceptable paraphrase when a hard one fails. */
  soft: z.array(assertionSchema).optional(),
  /** A person grades the answer too (`promptpack review`); `human.rubric` says what they judge. */
  review: z.boolean().optional(),
  human: z.strictObject({ rubric: text }).optional(),
});

/** The practice's bar: 50 real tasks per feature before a gate over them means much. */
export const defaultMinimumBlockingCases = 50;

export const thresholdsSchema = z.strictObject({
  /** Share of blocking cases that must hard-pass. */
  hardPassRate: z.number().min(0).max(1).default(0.9),
  /** Share of blocking cases that must hard- or soft-pass. */
  passRate: z.number().min(0).max(1).default(0.95),
  /** Largest allowed drop of the hard-pass rate against the baseline, in percentage points. */
  maxDropPoints: z.number().min(0).max(100).default(2),
  /**
   * The fewest blocking cases the gate should rest on: `promptpack validate`
   * warns below it, `defaultMinimumBlockingCases` when absent. Left out of the
   * parsed defaults on purpose: it is an authoring check, not a gate rule, so
   * a manifest that does not set it builds to the same dist/evals.json.
   */
  minimumBlockingCases: z
    .int()
    .positive()
    .optional()
    .describe('fewest blocking cases before `promptpack validate` warns (default 50, the bar of real tasks per feature); set a lower number only with a comment saying why'),
  /** How a case still waiting for its human review counts in the rates; by default as a failure. */
  human: z.strictObject({ pendingCountsAs: z.enum(['pass', 'fail']).default('fail') }).optional(),
});

/** Who grades `llm-rubric` and embeds for `similar`; `promptpack eval --judge-model` / `--embedding-model` override it. */
export const judgeSchema = z.strictObject({
  /** The judge's chat model; default the llm-judge package's own (prompt.yaml). */
  model: text.optional(),
  /**
   * Any OpenAI-compatible endpoint for the judge and the embeddings; default
   * the endpoint the answers come from. Never with user:password: evals.yaml
   * is committed and copied into the published dist/evals.json, where no
   * scrubber can take a password back.
   */
  baseUrl: z
    .url({ protocol: /^https?$/ })
    // The URL parser says where credentials are, so no pattern of our own has to. Zod runs this check
    // even when z.url has failed; a text that is no URL is left to that check's message.
    .refine(
      (url) => {
        if (!URL.canParse(url)) return true;
        const { username, password } = new URL(url);
        return username === '' && password === '';
      },
      {
        message: 'it carries credentials (user:password@), and evals.yaml is committed and published in dist/evals.json. Remove them; the judge is sent OPENAI_API_KEY like the answers',
      },
    )
    .optional(),
  /** Default text-embedding-3-large, promptfoo's. */
  embeddingModel: text.optional(),
});

/** `evals.yaml`: golden cases and the gate they feed. */
export const evalManifestSchema = z.strictObject({
  $schema: z.string().optional(),
  repeats: z.int().min(1).max(25).default(3),
  thresholds: thresholdsSchema.prefault({}),
  judge: judgeSchema.optional(),
  cases: z.array(evalCaseSchema).min(1),
});

export type Assertion = z.infer<typeof assertionSchema>;
export type EvalCase = z.infer<typeof evalCaseSchema>;
export type EvalManifest = z.infer<typeof evalManifestSchema>;
export type Tier = z.infer<typeof tierSchema>;
export type JudgeSettings = z.infer<typeof judgeSchema>;

const parser = zodParser<EvalManifest>('evals.yaml', undefined, evalManifestSchema, 'Start from the evals.yaml `promptpack new` writes; `promptpack validate` points at each problem with file:line:col.');

/** Checks a parsed evals.yaml and applies its defaults; never throws. */
export const safeParseEvalsSpec = parser.safeParse;
/** `safeParseEvalsSpec` that throws the `SpecificationError`. */
export const parseEvalsSpec = parser.parse;
