/**
 * The few functions generated templates share, each the JavaScript of one
 * piece of Handlebars 4.7.10's runtime (runtime.js, utils.js, helpers/*)
 * without its options objects. A template carries only the ones it uses,
 * so a template of text and `{{name}}` carries two.
 */
export type RuntimeHelper =
  | 'hasOwn'
  | 'nullContext'
  | 'read'
  | 'strict'
  | 'value'
  | 'isEmpty'
  | 'test'
  | 'frame'
  | 'enter'
  | 'dataAt'
  | 'lookup'
  | 'closeIterator'
  | 'first';

const helpers: Record<RuntimeHelper, { uses: RuntimeHelper[]; source: string }> = {
  hasOwn: { uses: [], source: 'const hasOwn = Object.prototype.hasOwnProperty;' },
  // container.nullContext: the `this` of a block whose context is null or undefined.
  nullContext: { uses: [], source: 'const nullContext = Object.seal({});' },
  // container.lookupProperty with the default prototype access rules: own
  // properties only, and never a prototype's own `constructor`.
  read: {
    uses: ['hasOwn'],
    source: `function read(parent, name) {
  // The common case first: an own property of an object, which the full rule below returns as it is.
  if (typeof parent === 'object' && parent !== null && name !== 'constructor' && hasOwn.call(parent, name)) return parent[name];
  const result = parent[name];
  if (result == null) return result;
  if (hasOwn.call(parent, name) && !(name === 'constructor' && typeof result === 'function' && parent === result.prototype)) return result;
  return undefined;
}`,
  },
  // container.strict and Handlebars' Exception: same message, same location fields.
  strict: {
    uses: ['read', 'hasOwn'],
    source: `function strict(parent, name, at) {
  if (typeof parent === 'object' && parent !== null && name !== 'constructor' && hasOwn.call(parent, name)) return parent[name];
  if (!parent || !(name in parent)) {
    const [line, column, endLine, endColumn] = locations[at];
    const error = new Error('"' + name + '" not defined in ' + parent + ' - ' + line + ':' + column);
    error.lineNumber = line;
    error.endLineNumber = endLine;
    Object.defineProperty(error, 'column', { value: column, enumerable: true });
    Object.defineProperty(error, 'endColumn', { value: endColumn, enumerable: true });
    throw error;
  }
  return read(parent, name);
}`,
  },
  // container.lambda: a function in the data is called with the context as this.
  value: { uses: [], source: `function value(current, context) {
  return typeof current === 'function' ? current.call(context) : current;
}` },
  isEmpty: { uses: [], source: `function isEmpty(value) {
  return (!value && value !== 0) || (Array.isArray(value) && value.length === 0);
}` },
  // The condition of the if helper (and of unless, which calls it).
  test: {
    uses: ['isEmpty'],
    source: `function test(condition, self, includeZero) {
  if (typeof condition === 'function') condition = condition.call(self);
  return !((!includeZero && !condition) || isEmpty(condition));
}`,
  },
  // utils.createFrame
  frame: {
    uses: ['hasOwn'],
    source: `function frame(parent) {
  const data = {};
  for (const key in parent) if (hasOwn.call(parent, key)) data[key] = parent[key];
  data._parent = parent;
  return data;
}`,
  },
  // wrapProgram's depths: a new context is pushed unless it is loosely equal to the current one.
  enter: {
    uses: ['nullContext'],
    source: `function enter(context, depths) {
  return context != depths[0] && !(context === nullContext && depths[0] === null) ? [context].concat(depths) : depths;
}`,
  },
  // container.data: @../name
  dataAt: { uses: [], source: `function dataAt(data, depth) {
  while (data && depth--) data = data._parent;
  return data;
}` },
  lookup: { uses: ['read'], source: `function lookup(parent, name) {
  return parent ? read(parent, name) : parent;
}` },
  closeIterator: {
    uses: [],
    source: `function closeIterator(iterator) {
  try {
    const close = iterator.return;
    if (typeof close === 'function') close.call(iterator);
  } catch {
    // The block's error is the one the caller must see.
  }
}`,
  },
  // Evaluates a helper's hash values, which Handlebars computes and these helpers ignore.
  first: { uses: [], source: 'function first(value) {\n  return value;\n}' },
};

/** The source of `used` and everything they depend on, in a stable order. */
export function runtimeSource(used: ReadonlySet<RuntimeHelper>): string {
  const needed = new Set<RuntimeHelper>();
  const add = (name: RuntimeHelper) => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const dependency of helpers[name].uses) add(dependency);
  };
  for (const name of used) add(name);
  return (Object.keys(helpers) as RuntimeHelper[])
    .filter((name) => needed.has(name))
    .map((name) => helpers[name].source)
    .join('\n');
}
