// Issue: when a package's render result is frozen, runtime.render returned
// before onResolve and the OpenTelemetry attributes: those requests were invisible.
import { beforeAll, expect, test, vi } from 'vitest';
import { createPromptRuntime, staticFlags, type AnyPromptModule, type OpenTelemetryApi } from '../src/index.js';
import { buildVersions, variables } from './versions.js';

let v1: AnyPromptModule;
let v2: AnyPromptModule;
beforeAll(async () => {
  ({ v1, v2 } = await buildVersions());
});

/** A version whose render() returns a deeply frozen result, as a package may. */
const frozen = (module: AnyPromptModule): AnyPromptModule => ({
  ...module,
  render: (input: never) => {
    const result = module.render(input) as { meta: object };
    return Object.freeze({ ...result, meta: Object.freeze({ ...result.meta }) });
  },
}) as AnyPromptModule;

test('a frozen render result is reported to onResolve and to the active span like any other', () => {
  const onResolve = vi.fn();
  const attributes: Record<string, unknown> = {};
  const otel = { trace: { getActiveSpan: () => ({ setAttributes: (values: Record<string, unknown>) => Object.assign(attributes, values) }) } } as unknown as OpenTelemetryApi;
  const runtime = createPromptRuntime({
    prompts: { 'order-help': { stable: frozen(v1), candidates: [frozen(v2)] } },
    flags: staticFlags({ 'prompt.order-help': '1.1.0' }),
    onResolve,
    opentelemetry: otel,
  });
  const result = runtime.render('order-help', variables, { userId: 'u1' });
  expect(result.meta).toMatchObject({ version: '1.1.0', reason: 'flag-variant' });
  expect(onResolve).toHaveBeenCalledTimes(1);
  expect(onResolve.mock.calls[0]![0]).toMatchObject({ id: 'order-help', version: '1.1.0', reason: 'flag-variant', fallback: false });
  expect(Object.values(attributes)).toContain('1.1.0');
});
