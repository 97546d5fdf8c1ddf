/**
 * Freezes data the module exports (manifest, evals, few-shots), so one
 * importer cannot change what another reads. Returns its argument, so the
 * generated module can write `const manifest = deepFreeze({...})`; marked
 * pure there, so a bundle that never reads `evals` leaves it out.
 */
export function deepFreeze<Value>(value: Value): Value {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
