// @ts-check
// A stand-in for the model API: answers after a short delay, counts tokens
// roughly (4 characters each) and prices them, and fails a configured
// share of calls per prompt version, so a bad canary shows in /metrics.

/**
 * FAKE_MODEL_ERROR_RATE: "version=share" pairs, e.g. "1.1.0=0.3"; the
 * share of calls to that version that throw.
 * @param {string | undefined} text
 * @returns {Map<string, number>}
 */
export function errorRates(text) {
  const rates = new Map();
  for (const pair of (text ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const [version, share] = pair.split('=');
    const rate = Number(share);
    if (!version || !(rate >= 0 && rate <= 1)) {
      throw new Error(`FAKE_MODEL_ERROR_RATE: "${pair}" is not version=share with a share in [0, 1]; write e.g. FAKE_MODEL_ERROR_RATE=1.1.0=0.3`);
    }
    rates.set(version, rate);
  }
  return rates;
}

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
