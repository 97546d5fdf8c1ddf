/**
 * What runtime state a template needs, decided once from its syntax tree so
 * that templates which never read it pay nothing for it. Handlebars tracks
 * the same state (`useData`, `useDepths`) but builds data frames always.
 */
export interface TemplateModes {
  /**
   * 'none': no `@` name at all. 'root': only `@root…`, which is always the
   * render argument, so no frames are built. 'frames': `@index`, `@key`,
   * `@first`, `@last` or `@../…`, so every {{#each}} builds a data frame
   * exactly as Handlebars' createFrame does.
   */
  data: 'none' | 'root' | 'frames';
  /** A `../` path: contexts are kept in a stack exactly as Handlebars' depths. */
  depths: boolean;
  /** An `as |name|` somewhere: block param values are kept per program, as Handlebars' blockParams. */
  blockParams: boolean;
}

export function templateModes(program: hbs.AST.Program): TemplateModes {
  const modes: TemplateModes = { data: 'none', depths: false, blockParams: false };
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    const record = node as Record<string, unknown>;
    if (record.type === 'Program' && (node as hbs.AST.Program).blockParams?.length) modes.blockParams = true;
    if (record.type === 'PathExpression') {
      const path = node as hbs.AST.PathExpression;
      if (path.data) {
        const rootOnly = path.depth === 0 && path.parts[0] === 'root';
        modes.data = rootOnly && modes.data !== 'frames' ? 'root' : 'frames';
      } else if (path.depth > 0) {
        modes.depths = true;
      }
      return;
    }
    for (const [key, child] of Object.entries(record)) if (key !== 'loc' && key !== 'strip') visit(child);
  };
  visit(program);
  return modes;
}
