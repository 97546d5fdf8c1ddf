import { unsupportedConstruct } from './build-error.js';
import { hashValues, isBlockParam, lookupCall, parameterValue, pathValue, unknownHelper } from './emit-expression.js';
import { baseParameters, newId, type EmitState, type FunctionState, type Scope } from './emit-state.js';
import { calleePath, classify } from './handlebars-rules.js';

/**
 * Generates the function for one Handlebars program (a template or a block
 * body) and returns its name. Like Handlebars' compiled programs it returns
 * its parts joined with `+` and nothing else: that keeps Handlebars' own
 * arithmetic, where `{{a}}{{b}}` with a=1, b=2 renders "3". A program equal
 * to one generated before is that one, as in Handlebars, whose strict errors
 * then report the first program's locations.
 */
export function emitProgram(state: EmitState, program: hbs.AST.Program, outer: Scope): string {
  const index = state.visited++;
  const original = state.shared[index] ?? index;
  if (original !== index) {
    state.visited += countPrograms(program.body);
    return state.programs.get(original)!;
  }
  const name = `program${newId(state)}`;
  state.programs.set(index, name);
  const scope: Scope = { levels: [program.blockParams, ...outer.levels] };
  const self: FunctionState = { needsSelf: false };
  const items = statements(state, scope, self, program.body);
  if (self.needsSelf) state.used.add('nullContext');
  const prologue = self.needsSelf ? '  const t = c ?? nullContext;\n' : '';
  state.functions.push(`function ${name}(${baseParameters(state.modes).join(', ')}) {\n${prologue}  return ${items.length > 0 ? items.join(' + ') : '""'};\n}`);
  return name;
}

/** Block programs under `body` (bodies and else branches), which a shared program skips in the preorder count. */
export function countPrograms(body: readonly hbs.AST.Statement[]): number {
  let count = 0;
  for (const statement of body) {
    const { program, inverse } = statement as { program?: hbs.AST.Program; inverse?: hbs.AST.Program };
    for (const child of [program, inverse]) if (child) count += 1 + countPrograms(child.body);
  }
  return count;
}

/**
 * A call of a generated program with a new context, as Handlebars' wrapProgram
 * runs it: the depths stack entered, and the block's own block param values
 * (`undefined` for a block that passes none) put in front of the outer ones.
 */
function callProgram(state: EmitState, program: string | undefined, context: string, data: string, values: string | undefined): string {
  if (!program) return '""';
  const { modes } = state;
  const parameters = [context, ...(modes.data === 'none' ? [] : [data])];
  if (modes.depths) {
    state.used.add('enter');
    parameters.push(`enter(${context}, ds)`);
  }
  if (modes.blockParams) parameters.push(`[${values === undefined ? 'undefined' : `[${values}]`}].concat(b)`);
  return `${program}(${parameters.join(', ')})`;
}

function statements(state: EmitState, scope: Scope, self: FunctionState, body: readonly hbs.AST.Statement[]): string[] {
  const items: string[] = [];
  let text = '';
  const flush = () => {
    if (text) items.push(JSON.stringify(text));
    text = '';
  };
  for (const statement of body) {
    switch (statement.type) {
      case 'ContentStatement':
        // Whitespace control and standalone lines are already applied by Handlebars' parser.
        text += (statement as hbs.AST.ContentStatement).value;
        break;
      case 'CommentStatement':
        break;
      case 'MustacheStatement':
        flush();
        items.push(mustache(state, scope, statement as hbs.AST.MustacheStatement));
        break;
      case 'BlockStatement':
        flush();
        items.push(block(state, scope, self, statement as hbs.AST.BlockStatement));
        break;
      default:
        throw unsupportedStatement(state.file, statement);
    }
  }
  flush();
  return items;
}

function unsupportedStatement(file: string, statement: hbs.AST.Statement) {
  switch (statement.type) {
    case 'PartialStatement':
      return unsupportedConstruct(file, statement, {
        code: 'template/unknown-partial',
        message: `the partial {{> ${partialName(statement as hbs.AST.PartialStatement)}}} is not inlined`,
        hint: 'Pass the shared sections as options.sections (or compile the effective policy, sections inlined); other partials are not supported.',
      });
    case 'PartialBlockStatement':
      return unsupportedConstruct(file, statement, { message: 'partial blocks ({{#> name}}…{{/name}}) are not supported', hint: 'Write the text into the template itself.' });
    case 'Decorator':
    case 'DecoratorBlock':
      return unsupportedConstruct(file, statement, { message: 'decorators ({{* …}}, {{#* inline}}) are not supported', hint: 'Write the text into the template itself.' });
    default:
      return unsupportedConstruct(file, statement, { message: `the construct ${statement.type} is not supported`, hint: 'Use text, {{name}}, #if, #unless, #each, #with and lookup.' });
  }
}

function partialName(statement: hbs.AST.PartialStatement): string {
  const name = statement.name;
  return name.type === 'PathExpression' ? (name as hbs.AST.PathExpression).original : '(…)';
}

/** `{{path}}` prints the path's value (a function is called, like Handlebars' lambda); `{{lookup a b}}` prints what lookup returns. */
function mustache(state: EmitState, scope: Scope, node: hbs.AST.MustacheStatement): string {
  const path = calleePath(node);
  if (classify(node, path, isBlockParam(scope)) === 'helper') return `(${lookupCall(state, scope, node, path, `{{${path.original} …}}`)} ?? "")`;
  state.used.add('value');
  return `(value(${pathValue(state, scope, path, true)}, c) ?? "")`;
}

type BlockHelper = 'if' | 'unless' | 'each' | 'with';

function block(state: EmitState, scope: Scope, self: FunctionState, node: hbs.AST.BlockStatement): string {
  const path = calleePath(node);
  const name = path.parts[0];
  const written = `{{#${path.original}}}`;
  if (classify(node, path, isBlockParam(scope)) !== 'helper') {
    throw unsupportedConstruct(state.file, node, {
      code: 'template/unknown-helper',
      message: `${written} uses a value as a block, which Handlebars hands to blockHelperMissing`,
      hint: `Say what the block does: {{#if ${path.original}}}, {{#each ${path.original}}} or {{#with ${path.original}}}.`,
    });
  }
  if (name !== 'if' && name !== 'unless' && name !== 'each' && name !== 'with') throw unknownHelper(state.file, node, name, written);
  if (node.params.length !== 1) {
    throw unsupportedConstruct(state.file, node, {
      message: `{{#${name}}} takes exactly one argument, got ${node.params.length}`,
      hint: `Pass one value, e.g. {{#${name} customer}}.`,
    });
  }
  self.needsSelf = true;
  const subject = parameterValue(state, scope, node.params[0]!);
  const helper: BlockHelper = name;
  if (helper === 'each') return eachBlock(state, scope, node, withHash(state, scope, subject, node.hash));
  if (helper === 'with') return withBlock(state, scope, node, withHash(state, scope, subject, node.hash));
  state.used.add('test');
  const condition = `test(${subject}, t, ${includeZero(state, scope, node.hash)})`;
  const body = callProgram(state, node.program && emitProgram(state, node.program, scope), 't', 'd', undefined);
  const inverse = callProgram(state, node.inverse && emitProgram(state, node.inverse, scope), 't', 'd', undefined);
  return helper === 'if' ? `(${condition} ? ${body} : ${inverse})` : `(${condition} ? ${inverse} : ${body})`;
}

// The if helper reads only includeZero, but every hash value is evaluated (and may throw) first.
function includeZero(state: EmitState, scope: Scope, hash: hbs.AST.Hash | undefined): string {
  if (!hash) return 'false';
  const values = hashValues(state, scope, hash);
  // Handlebars assigns the pairs last to first, so the first includeZero written wins.
  const index = [...hash.pairs].reverse().map((pair) => pair.key).lastIndexOf('includeZero');
  return index < 0 ? `(${values.join(', ')}, false)` : `[${values.join(', ')}][${index}]`;
}

function withHash(state: EmitState, scope: Scope, subject: string, hash: hbs.AST.Hash | undefined): string {
  if (!hash) return subject;
  state.used.add('first');
  return `first(${[subject, ...hashValues(state, scope, hash)].join(', ')})`;
}

/** The parameters of a block's own function after its subject and `this`, and the matching arguments at its call. */
function blockSignature(state: EmitState): string[] {
  return baseParameters(state.modes).slice(1);
}

/** helpers/each.js: arrays (skipping holes), then iterables, then own keys; the else branch when nothing was visited. */
function eachBlock(state: EmitState, scope: Scope, node: hbs.AST.BlockStatement, subject: string): string {
  const name = `each${newId(state)}`;
  const frames = state.modes.data === 'frames';
  if (frames) state.used.add('frame');
  state.used.add('closeIterator');
  const body = node.program && emitProgram(state, node.program, scope);
  const inverse = node.inverse && emitProgram(state, node.inverse, scope);
  const visit = (field: string, index: string, last: string) =>
    `${frames ? `f.key = ${field}; f.index = ${index}; f.first = ${index} === 0; f.last = ${last}; ` : ''}out = out + ${callProgram(state, body, 'v', frames ? 'f' : 'd', `v, ${field}`)};`;
  const parameters = ['list', 't', ...blockSignature(state)];
  state.functions.push(`function ${name}(${parameters.join(', ')}) {
  if (typeof list === 'function') list = list.call(t);
  let out = '';
  let i = 0;
${frames ? '  const f = frame(d);\n' : ''}  if (list && typeof list === 'object') {
    if (Array.isArray(list)) {
      for (const n = list.length; i < n; i++) {
        if (i in list) {
          const v = list[i];
          ${visit('i', 'i', 'i === list.length - 1')}
        }
      }
    } else if (typeof Symbol === 'function' && list[Symbol.iterator]) {
      const iterator = list[Symbol.iterator]();
      let current = iterator.next();
      while (!current.done) {
        const next = iterator.next();
        try {
          const v = current.value;
          ${visit('i', 'i', '!!next.done')}
        } catch (error) {
          if (!next.done) closeIterator(iterator);
          throw error;
        }
        current = next;
        i++;
      }
    } else {
      const keys = Object.keys(list);
      for (const n = keys.length; i < n; i++) {
        const key = keys[i];
        const v = list[key];
        ${visit('key', 'i', 'i === n - 1')}
      }
    }
  }
  if (i === 0) out = ${callProgram(state, inverse, 't', 'd', undefined)};
  return out;
}`);
  return `${name}(${[subject, 't', ...blockSignature(state)].join(', ')})`;
}

/** helpers/with.js: the body with the value as context and block param, unless the value is empty. */
function withBlock(state: EmitState, scope: Scope, node: hbs.AST.BlockStatement, subject: string): string {
  const name = `with${newId(state)}`;
  state.used.add('isEmpty');
  const body = node.program && emitProgram(state, node.program, scope);
  const inverse = node.inverse && emitProgram(state, node.inverse, scope);
  const parameters = ['subject', 't', ...blockSignature(state)];
  state.functions.push(`function ${name}(${parameters.join(', ')}) {
  if (typeof subject === 'function') subject = subject.call(t);
  return isEmpty(subject) ? ${callProgram(state, inverse, 't', 'd', undefined)} : ${callProgram(state, body, 'subject', 'd', 'subject')};
}`);
  return `${name}(${[subject, 't', ...blockSignature(state)].join(', ')})`;
}
