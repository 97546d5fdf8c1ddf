import { z } from 'zod';

/** One example exchange shown to the model before the real user message. Static text: never interpolated. */
export const fewShotSchema = z.strictObject({
  user: z.string().min(1),
  assistant: z.string().min(1),
});

/** `fewshots.yaml`: a list of user/assistant pairs, in the order the model sees them. */
export const fewShotsSchema = z.array(fewShotSchema);

export type FewShot = z.infer<typeof fewShotSchema>;
