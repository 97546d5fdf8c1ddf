import { locateJsonKey, parseJsonText, type Diagnostic } from '@promptpack/spec';
import semver from 'semver';
import type { PromptPackageJson } from '../loaded-prompt.js';
import { checkDependencies } from './package-dependencies.js';
import { packageNameProblems } from './package-name.js';
import { checkSideEffects } from './package-side-effects.js';

/** The entry points every built prompt package must expose; the build writes exactly these files. */
export const expectedExports = {
  '.': {
    import: { types: './dist/index.d.ts', default: './dist/index.js' },
    require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
  },
  './manifest.json': './dist/manifest.json',
  './evals.json': './dist/evals.json',
  './package.json': './package.json',
};

export interface PackageJsonCheck {
  packageJson: PromptPackageJson | undefined;
  diagnostics: Diagnostic[];
}

/** Parses and checks a prompt's package.json: JSON syntax, name matches folder, semver version, exports. */
export function checkPackageJson(file: string, source: string, folder: string): PackageJsonCheck {
  const text = parseJsonText(source);
  if (!text.ok) return { packageJson: undefined, diagnostics: [jsonSyntaxDiagnostic(file, text)] };
  const data = text.value;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return {
      packageJson: undefined,
      diagnostics: [{ code: 'package/invalid-json', severity: 'error', file, line: 1, column: 1, message: 'package.json must be a JSON object.', hint: 'Start from the one `promptpack new` writes.' }],
    };
  }
  const json = data as Record<string, unknown>;
  const diagnostics: Diagnostic[] = [];
  const at = (key: string) => ({ file, ...locateJsonKey(source, key) });

  const expectedSuffix = `prompt-${folder}`;
  const name = json.name;
  const nameProblems = typeof name === 'string' ? packageNameProblems(name) : [];
  if (nameProblems.length > 0) {
    diagnostics.push({
      code: 'package/invalid-name',
      severity: 'error',
      ...at('name'),
      path: 'name',
      message: `Package name ${JSON.stringify(name)} is not a valid npm package name: ${nameProblems.join('; ')}.`,
      expected: `"@<scope>/${expectedSuffix}": lowercase letters, digits, "-", "." and "_", at most 214 characters`,
      hint: `Use a name npm accepts, e.g. "@acme/${expectedSuffix}".`,
    });
  } else if (typeof name !== 'string' || !(name === expectedSuffix || name.endsWith(`/${expectedSuffix}`))) {
    diagnostics.push({
      code: 'package/name-mismatch',
      severity: 'error',
      ...at('name'),
      path: 'name',
      message: `Package name ${JSON.stringify(name)} does not match the folder "${folder}".`,
      expected: `"@<scope>/${expectedSuffix}" (for example "@acme/${expectedSuffix}")`,
      hint: 'The folder name is the prompt id; rename the package or the folder so they agree.',
    });
  }
  const version = json.version;
  // npm's own parser, written exactly as it normalises it: 1.2, v1.2.3 and 1.0.0-01 are refused, as npm refuses them.
  if (typeof version !== 'string' || semver.valid(version) !== version) {
    diagnostics.push({
      code: 'package/invalid-version',
      severity: 'error',
      ...at('version'),
      path: 'version',
      message: `Version ${JSON.stringify(version)} is not a semantic version.`,
      expected: 'MAJOR.MINOR.PATCH, e.g. "1.4.0" or "2.0.0-rc.1"',
      hint: 'Let changesets set versions: run `pnpm changeset` instead of editing it by hand.',
    });
  }
  diagnostics.push(...checkDependencies(json, source, file));
  diagnostics.push(...checkSideEffects(json, source, file));
  if (JSON.stringify(json.exports) !== JSON.stringify(expectedExports)) {
    diagnostics.push({
      code: 'package/exports',
      severity: 'warning',
      ...at('exports'),
      path: 'exports',
      message: 'package.json "exports" differs from what the build writes; consumers may not find the ESM, CJS or type entry points.',
      expected: JSON.stringify(expectedExports),
      hint: 'Copy the "exports" block from a package made by `promptpack new`.',
    });
  }
  return { packageJson: diagnostics.some((d) => d.severity === 'error') ? undefined : (json as PromptPackageJson), diagnostics };
}

function jsonSyntaxDiagnostic(file: string, failure: { message: string; line: number; column: number }): Diagnostic {
  return {
    code: 'package/invalid-json',
    severity: 'error',
    file,
    line: failure.line,
    column: failure.column,
    message: `package.json is not valid JSON: ${failure.message}.`,
    hint: 'Look for a trailing comma, a missing comma or an unquoted key near this spot.',
  };
}
