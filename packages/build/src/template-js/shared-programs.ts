import Handlebars from 'handlebars';

/** What Handlebars' compiler makes of one program: its opcodes, compared by `equals`, and its block programs. */
interface Environment {
  children: Environment[];
  equals(other: Environment): boolean;
}

const compiler = (Handlebars as unknown as { Compiler: new () => { compile(program: hbs.AST.Program, options: object): Environment } }).Compiler;

/**
 * Handlebars compiles a block program whose opcodes equal those of a program
 * compiled before as that program (javascript-compiler.js, compileChildren),
 * so a strict error inside it reports the first program's line and column.
 * For every program in source preorder (the template, then each block's body
 * and else branch, depth first) this gives the preorder index of the program
 * Handlebars runs for it: its own index unless it is shared. Handlebars'
 * own compiler decides equality, so the answer is its answer.
 */
export function sharedPrograms(program: hbs.AST.Program): number[] {
  // The compiler marks paths it reads (strict, falsy) and turns literal callees into paths as calleePath does; the generator reads neither mark.
  const root = new compiler().compile(program, { strict: true, noEscape: true, knownHelpersOnly: true, data: true });
  const preorder = new Map<Environment, number>();
  const number = (environment: Environment) => {
    preorder.set(environment, preorder.size);
    environment.children.forEach(number);
  };
  number(root);
  const shared = [...preorder.values()];
  // Programs in the order Handlebars indexes them; a slot is filled once its program is compiled.
  const compiled: (Environment | undefined)[] = [];
  const compileChildren = (environment: Environment) => {
    for (const child of environment.children) {
      const existing = compiled.find((candidate) => candidate?.equals(child));
      if (existing) {
        shared[preorder.get(child)!] = preorder.get(existing)!;
        continue;
      }
      const slot = compiled.push(undefined) - 1;
      compileChildren(child);
      compiled[slot] = child;
    }
  };
  compileChildren(root);
  return shared;
}
