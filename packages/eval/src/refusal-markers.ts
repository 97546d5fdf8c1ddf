// Phrases models decline with. A heuristic by nature: it suits prose answers
// (a support reply, a tutor), not JSON ones, where the decision field says
// more. Curly apostrophes are straightened before matching.
const markers: readonly RegExp[] = [
  /\bI(?: am|'m)? ?(?:can't|cannot|can not|won't|will not|am unable to|'m unable to|am not able to|'m not able to|must decline to|have to decline to|'m not going to|am not going to)\s+(?:help|assist|provide|do|share|comply|give|write|answer|disclose|fulfil|fulfill|complete|reveal|create|generate|support|access|discuss|look)\b/i,
  /\b(?:unable|not able) to (?:help|assist|comply|share|provide|disclose) (?:with )?(?:that|this|you)\b/i,
  /\bI(?: must|'ll have to| have to) (?:decline|refuse)\b/i,
  /\b(?:I'm|I am) (?:sorry|afraid),? (?:but )?I\b/i,
  /\b(?:isn't|is not|that's not|that is not) something I (?:can|am able to|'m able to)\b/i,
  /\bI(?: am|'m) not (?:allowed|permitted|authori[sz]ed) to\b/i,
  /\bagainst (?:my|our|the) (?:policy|policies|guidelines|rules)\b/i,
  /\bas an AI(?: language model)?\b/i,
];

/** The refusal phrase the text contains, `(empty answer)` for an empty one, else undefined. */
export function findRefusal(text: string): string | undefined {
  const straight = text.replace(/[\u2018\u2019\u02bc]/g, "'");
  if (straight.trim() === '') return '(empty answer)';
  for (const marker of markers) {
    const match = marker.exec(straight);
    if (match) return match[0];
  }
  return undefined;
}
