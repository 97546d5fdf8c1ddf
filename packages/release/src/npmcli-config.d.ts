// @npmcli/config ships no types; this covers the part promptpack uses.
declare module '@npmcli/config' {
  type Where = 'default' | 'builtin' | 'global' | 'user' | 'project' | 'env' | 'cli';
  interface ConfigOptions {
    definitions: unknown;
    shorthands: unknown;
    flatten: unknown;
    nerfDarts?: readonly string[];
    npmPath: string;
    env?: NodeJS.ProcessEnv;
    argv?: readonly string[];
    cwd?: string;
    warn?: boolean;
  }
  export default class Config {
    constructor(options: ConfigOptions);
    load(): Promise<void>;
    get(key: string, where?: Where): unknown;
    find(key: string): Where | null;
    readonly flat: Record<string, unknown>;
    readonly localPrefix: string;
  }
}

declare module '@npmcli/config/lib/definitions/index.js' {
  const definitions: {
    definitions: unknown;
    shorthands: unknown;
    flatten: unknown;
    nerfDarts: readonly string[];
  };
  export default definitions;
}
