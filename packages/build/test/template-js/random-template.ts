import type { Random } from './random.js';

/** A generated template as a tree, so a failing one can be shrunk part by part. */
export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'comment'; text: string }
  | { kind: 'mustache'; expression: string; form: '{{' | '{{{' | '{{&'; strip: Strip }
  | BlockNode;

export interface BlockNode {
  kind: 'block';
  helper: 'if' | 'unless' | 'each' | 'with';
  subject: string;
  hash: string;
  params: string;
  inverted: boolean;
  body: TemplateNode[];
  /** `{{else}}` branch; a single chained block prints as `{{else if …}}`. */
  inverse: TemplateNode[] | undefined;
  chained: boolean;
  /** Tags on lines of their own, which Handlebars' standalone rule removes. */
  standalone: boolean;
  strip: Strip;
}

type Strip = [boolean, boolean];

/** The variable names the generated templates and data share; `length` and a block param name clash on purpose. */
export const variableNames = ['a', 'b', 'name', 'items', 'obj', 'n', 'flag', 'length'];
const blockParamNames = ['x', 'i', 'y', 'k', 'name'];
// Braces stand apart from tags: `{` before `{{a}}` would make it `{{{a}}`.
const textPieces = ['a', 'b c', ' ', '  ', '\n', '\n', '\t', '\r\n', 'é', '😀', ' }} ', ' { ', 'x\n  ', ',', '0'];

interface Context {
  depth: number;
  eachDepth: number;
  blockParams: string[];
}

export function randomTemplate(random: Random): TemplateNode[] {
  return sequence(random, { depth: 0, eachDepth: 0, blockParams: [] }, 1 + random.int(5));
}

function sequence(random: Random, context: Context, length: number): TemplateNode[] {
  return Array.from({ length }, () => part(random, context));
}

function part(random: Random, context: Context): TemplateNode {
  const roll = random.int(context.depth >= 2 ? 6 : 10);
  if (roll < 2) return { kind: 'text', text: Array.from({ length: 1 + random.int(3) }, () => random.pick(textPieces)).join('') };
  if (roll === 2) return { kind: 'comment', text: random.pick([' note ', '-- {{a}} --', '']) };
  if (roll < 6) return { kind: 'mustache', expression: printable(random, context), form: random.pick(['{{', '{{', '{{', '{{{', '{{&']), strip: strip(random) };
  return block(random, context);
}

function strip(random: Random): Strip {
  return [random.chance(0.15), random.chance(0.15)];
}

function block(random: Random, context: Context): BlockNode {
  const helper = random.pick(['if', 'if', 'unless', 'each', 'each', 'with'] as const);
  const declares = (helper === 'each' || helper === 'with') && random.chance(0.35);
  const names = declares ? Array.from({ length: helper === 'each' ? 1 + random.int(2) : 1 }, () => random.pick(blockParamNames)) : [];
  const inner: Context = {
    depth: context.depth + 1,
    eachDepth: context.eachDepth + (helper === 'each' ? 1 : 0),
    blockParams: [...names, ...context.blockParams],
  };
  const outerBranch: Context = { ...context, depth: context.depth + 1 };
  const chained = random.chance(0.12);
  const inverse = chained ? [block(random, outerBranch)] : random.chance(0.4) ? sequence(random, outerBranch, random.int(3)) : undefined;
  return {
    kind: 'block',
    helper,
    subject: subject(random, context),
    hash: helper === 'if' || helper === 'unless' ? random.pick(['', '', '', ' includeZero=true', ' includeZero=false', ' includeZero=n', ' other=a']) : random.pick(['', '', '', '', ' other=a']),
    params: names.length > 0 ? ` as |${names.join(' ')}|` : '',
    inverted: !chained && inverse === undefined && random.chance(0.05),
    body: sequence(random, inner, random.int(3)),
    inverse,
    chained: chained && inverse !== undefined,
    standalone: random.chance(0.4),
    strip: strip(random),
  };
}

/** What a mustache prints: paths of every shape Handlebars resolves, `lookup`, and literals it reads as names. */
function printable(random: Random, context: Context): string {
  const roll = random.int(12);
  if (roll === 0) return `lookup ${path(random, context)} ${key(random, context)}`;
  if (roll === 1) return random.pick(['"name"', '"a"', '1', 'true', '"this"']);
  return path(random, context);
}

function subject(random: Random, context: Context): string {
  const roll = random.int(10);
  if (roll === 0) return `(lookup ${path(random, context)} ${key(random, context)})`;
  if (roll === 1) return random.pick(['true', 'false', '0', '1', '"s"', '""', 'null', 'undefined']);
  return path(random, context);
}

function key(random: Random, context: Context): string {
  return random.pick([path(random, context), '"name"', '"a"', '0', '1', '"length"', context.eachDepth > 0 ? '@index' : '@root']);
}

function path(random: Random, context: Context): string {
  const name = () => random.pick(variableNames);
  const roll = random.int(20);
  if (roll < 6) return name();
  if (roll < 8) return `${name()}.${name()}`;
  if (roll === 8) return `${name()}.${name()}.${name()}`;
  if (roll === 9) return random.pick(['this', '.', `this.${name()}`, `./${name()}`]);
  if (roll === 10) {
    const levels = 1 + random.int(Math.max(1, context.depth));
    return random.chance(0.8) ? `${'../'.repeat(levels)}${name()}` : `${'../'.repeat(levels - 1)}..`;
  }
  if (roll === 11) return random.pick(['@index', '@key', '@first', '@last']);
  if (roll === 12) return random.pick(['@root', `@root.${name()}`, '@../index', '@../key']);
  if (roll === 13 && context.blockParams.length > 0) return `${random.pick(context.blockParams)}${random.chance(0.4) ? `.${name()}` : ''}`;
  if (roll === 14) return `${random.pick(['items', 'a', 'name'])}.[${random.int(3)}]`;
  if (roll === 15) return `${name()}.length`;
  return name();
}

export function printTemplate(nodes: readonly TemplateNode[]): string {
  return nodes.map(printNode).join('');
}

function printNode(node: TemplateNode): string {
  switch (node.kind) {
    case 'text':
      return node.text;
    case 'comment':
      return `{{!${node.text}}}`;
    case 'mustache': {
      // Handlebars' lexer writes a stripped triple-stash close as `}~}}`.
      const close = node.form === '{{{' ? (node.strip[1] ? '}~}}' : '}}}') : node.strip[1] ? '~}}' : '}}';
      return `${node.strip[0] ? `{{~${node.form.slice(2)}` : node.form}${node.expression}${close}`;
    }
    case 'block':
      return printBlock(node, false);
  }
}

function tag(text: string, strip: Strip, standalone: boolean): string {
  const inner = `{{${strip[0] ? '~' : ''}${text}${strip[1] ? '~' : ''}}}`;
  return standalone ? `\n  ${inner}\n` : inner;
}

function printBlock(node: BlockNode, chained: boolean): string {
  const open = `${node.helper} ${node.subject}${node.hash}${node.params}`;
  let text = chained ? tag(`else ${open}`, node.strip, node.standalone) : tag(`${node.inverted ? '^' : '#'}${open}`, node.strip, node.standalone);
  text += printTemplate(node.body);
  if (node.inverse) {
    const [first] = node.inverse;
    if (node.chained && first?.kind === 'block') text += printBlock(first, true);
    else text += tag('else', node.strip, node.standalone) + printTemplate(node.inverse);
  }
  if (!chained) text += tag(`/${node.helper}`, [node.strip[1], node.strip[0]], node.standalone);
  return text;
}

/** Smaller variants of a template: each part removed, each block replaced by its body or else branch, each else branch dropped. */
export function* shrink(nodes: readonly TemplateNode[]): Generator<TemplateNode[]> {
  for (let index = 0; index < nodes.length; index++) {
    const before = nodes.slice(0, index);
    const after = nodes.slice(index + 1);
    yield [...before, ...after];
    const node = nodes[index]!;
    if (node.kind !== 'block') continue;
    yield [...before, ...node.body, ...after];
    if (node.inverse) {
      yield [...before, ...node.inverse, ...after];
      yield [...before, { ...node, inverse: undefined, chained: false }, ...after];
    }
    for (const body of shrink(node.body)) yield [...before, { ...node, body }, ...after];
    if (node.inverse && !node.chained) for (const inverse of shrink(node.inverse)) yield [...before, { ...node, inverse }, ...after];
    if (node.hash || node.standalone || node.strip.some(Boolean)) yield [...before, { ...node, hash: '', standalone: false, strip: [false, false] }, ...after];
  }
}
