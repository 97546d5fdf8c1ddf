// @ts-check
// A stand-in for the model API: answers after a short delay, counts tokens
// roughly (4 characters each) and prices them, and fails a configured
// share of calls per prompt version, so a bad canary shows in /metrics.
// The triage model answers JSON, and a configured share of its answers per
// version is cut off mid-object (what a too-small max_tokens does), so the
// prompt's safeParseOutput refuses them: a canary whose answers fail to parse.
// Which version a call is for comes from the rendered request's meta, the
// same field the service's responses and metrics carry; nothing else differs.

/**
 * "version=share" pairs, e.g. "1.1.0=0.3": a share of calls to that version.
 * @param {string | undefined} text
 * @param {string} variable the environment variable it came from, for the error message
 * @returns {Map<string, number>}
 */
export function versionShares(text, variable) {
  const rates = new Map();
  for (const pair of (text ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const [version, share] = pair.split('=');
    const rate = Number(share);
    if (!version || share === undefined || share.trim() === '' || !(rate >= 0 && rate <= 1)) {
      throw new Error(`${variable}: "${pair}" is not version=share with a share in [0, 1]; write e.g. ${variable}=1.1.0=0.3`);
    }
    rates.set(version, rate);
  }
  return rates;
}

/**
 * FAKE_MODEL_ERROR_RATE: the share of calls to a version that throw.
 * @param {string | undefined} text
 */
export const errorRates = (text) => versionShares(text, 'FAKE_MODEL_ERROR_RATE');

export class FakeModelError extends Error {
  constructor(message) {
    super(message);
    this.name = 'FakeModelError';
    this.code = 'model_unavailable';
  }
}

/**
 * @param {{ latencyMs: number, errorRates: Map<string, number> }} options
 * @returns {(request: { messages: Array<{ content: string }>, meta: { version: string } }) => Promise<{ text: string, usage: { inputTokens: number, outputTokens: number }, costUsd: number }>}
 */
export function fakeModel(options) {
  return async (request) => {
    await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    if (Math.random() < (options.errorRates.get(request.meta.version) ?? 0)) throw new FakeModelError(`fake model: configured to fail ${request.meta.version}`);
    const text = 'Hi, thanks for writing. Your order A-1001 shipped on Monday; the tracking link is in your order history.';
    const inputTokens = Math.ceil(request.messages.reduce((sum, message) => sum + message.content.length, 0) / 4);
    const outputTokens = Math.ceil(text.length / 4);
    // gpt-4o-mini's list price per token, for a realistic cost figure.
    return { text, usage: { inputTokens, outputTokens }, costUsd: inputTokens * 0.15e-6 + outputTokens * 0.6e-6 };
  };
}

/** What the triage model answers: refund-triage's output schema (decision, amountCents, reason), nothing more. */
const triageAnswer = JSON.stringify({ decision: 'approve', amountCents: 4999, reason: 'duplicate' });

/**
 * The model behind refund-triage. `malformedRates` (FAKE_MODEL_MALFORMED_RATE)
 * is the share of a version's answers cut off before the object closes.
 * @param {{ latencyMs: number, errorRates: Map<string, number>, malformedRates: Map<string, number> }} options
 * @returns {(request: { messages: Array<{ content: string }>, meta: { version: string } }) => Promise<{ text: string, usage: { inputTokens: number, outputTokens: number }, costUsd: number }>}
 */
export function fakeTriageModel(options) {
  const answer = fakeModel(options);
  return async (request) => {
    const { usage, costUsd } = await answer(request);
    const malformed = Math.random() < (options.malformedRates.get(request.meta.version) ?? 0);
    return { text: malformed ? triageAnswer.slice(0, triageAnswer.indexOf(',"reason"')) : triageAnswer, usage, costUsd };
  };
}
