import { z } from 'zod';
import { SpecificationError, type SafeParseResult } from '../errors/specification-error.js';

/** One example exchange shown to the model before the real user message. Static text: never interpolated. */
export const fewShotSchema = z.strictObject({
  user: z.string().min(1),
  assistant: z.string().min(1),
});

/** `fewshots.yaml`: a list of user/assistant pairs, in the order the model sees them. */
export const fewShotsSchema = z.array(fewShotSchema);

export type FewShot = z.infer<typeof fewShotSchema>;

const hint = 'fewshots.yaml is a list of { user, assistant } pairs, e.g. - user: "Where is my order?"\n  assistant: "Let me check."';

/** Checks a parsed fewshots.yaml (a list, so no specificationVersion); never throws. */
export function safeParseFewShots(value: unknown): SafeParseResult<FewShot[]> {
  try {
    const parsed = fewShotsSchema.safeParse(value);
    if (parsed.success) return { success: true, data: parsed.data };
    const issue = parsed.error.issues[0]!;
    return { success: false, error: new SpecificationError('fewshots.yaml', issue.path.map(String).join('.'), issue.message, hint) };
  } catch (error) {
    return { success: false, error: new SpecificationError('fewshots.yaml', '', `it cannot be read (${error instanceof Error ? error.message : 'unknown error'})`, hint) };
  }
}

/** `safeParseFewShots` that throws the `SpecificationError`. */
export function parseFewShots(value: unknown): FewShot[] {
  const result = safeParseFewShots(value);
  if (!result.success) throw result.error;
  return result.data;
}
