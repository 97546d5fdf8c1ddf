import { locateJsonKey, type Diagnostic } from '@promptpack/spec';

// What a built dist imports at run time (templates are compiled to plain
// JavaScript, so no template engine), pinned exactly: a range would let a
// consumer's install change how a published version renders.
const runtimeDependencies: Readonly<Record<string, string>> = { zod: '4.6.7' };

// What dists imported before templates were compiled: harmless, but every
// service installing the prompt would download it for nothing.
const formerDependencies = ['handlebars'];

const expected = `"dependencies": { ${Object.entries(runtimeDependencies).map(([name, version]) => `"${name}": "${version}"`).join(', ')} }`;

/** The `dependencies` of a prompt's package.json: what its dist imports, pinned, and nothing it no longer imports. */
export function checkDependencies(json: Record<string, unknown>, source: string, file: string): Diagnostic[] {
  // Anything but an object (a string, an array) declares none of them.
  const declared = json.dependencies;
  const dependencies = (declared !== null && typeof declared === 'object' && !Array.isArray(declared) ? declared : {}) as Record<string, unknown>;
  const required = Object.entries(runtimeDependencies).flatMap(([name, pinned]): Diagnostic[] => {
    const version = dependencies[name];
    const where = { file, ...locateJsonKey(source, typeof version === 'string' ? name : 'dependencies') };
    if (typeof version !== 'string') {
      return [{
        code: 'package/dependencies', severity: 'error', ...where, path: `dependencies.${name}`,
        message: `package.json does not depend on ${name}, which the built package imports.`,
        expected,
        hint: `Add "${name}": "${pinned}" (an exact version), as \`promptpack new\` writes it.`,
      }];
    }
    if (!/^\d+\.\d+\.\d+$/.test(version)) {
      return [{
        code: 'package/dependencies', severity: 'warning', ...where, path: `dependencies.${name}`,
        message: `${name} is not pinned to an exact version ("${version}"); a consumer's install could change how this version renders.`,
        hint: `Pin it, e.g. "${name}": "${version.replace(/^[^\d]*/, '')}".`,
      }];
    }
    return [];
  });
  const former = formerDependencies.filter((name) => Object.hasOwn(dependencies, name)).map((name): Diagnostic => ({
    code: 'package/dependencies', severity: 'warning', file, ...locateJsonKey(source, name), path: `dependencies.${name}`,
    message: `package.json depends on ${name}, which the built package no longer imports (templates are compiled to plain JavaScript); every install would download it for nothing.`,
    expected,
    hint: `Remove "${name}" from "dependencies".`,
  }));
  return [...required, ...former];
}
