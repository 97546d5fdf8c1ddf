import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// Lints .github/ without running it (GitHub Actions cannot run here):
// - every workflow against SchemaStore's GitHub workflow JSON Schema, a copy of
//   src/schemas/json/github-workflow.json at SchemaStore/schemastore@5262385e31cc1151b7476d38045b9976d636dba5
//   kept beside this file because tests never touch the network;
// - our own rules: actions pinned to a commit, least-privilege permissions, timeouts;
// - CODEOWNERS: who must approve which prompt file.

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../..');
const workflowsDir = path.join(repoRoot, '.github/workflows');
const schema = JSON.parse(readFileSync(path.join(here, 'github-workflow.schema.json'), 'utf8'));
// strict: false because the schema uses draft-07 idioms Ajv's strict mode rejects (`additionalItems` beside tuple `items`).
// verbose: errors carry the sub-schema they come from, to tell the two kinds of job apart.
const validateSchema = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(schema);

type Json = Record<string, unknown>;

/** Schema problems, one readable line each (`/jobs/test/steps/0: must NOT have additional property "use"`). */
function schemaProblems(workflow: unknown): string[] {
  if (validateSchema(workflow)) return [];
  const errors = validateSchema.errors ?? [];
  // A job is a normal job or a reusable-workflow call (a oneOf). A job with
  // runs-on is meant as a normal job: the other branch's complaints ("missing
  // uses", "unknown key runs-on") are noise.
  const jobs = ((workflow as Json | null)?.jobs ?? {}) as Record<string, Json | null>;
  const meantAsNormalJob = (e: ErrorObject) => {
    const [, section, id] = e.instancePath.split('/');
    return section === 'jobs' && id !== undefined && jobs[id]?.uses === undefined;
  };
  const relevant = errors.filter((e) => !(e.parentSchema === schema.definitions.reusableWorkflowCallJob && meantAsNormalJob(e)));
  const specific = relevant.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
  return [...new Set((specific.length > 0 ? specific : relevant).map(describeSchemaError))];
}

function describeSchemaError(error: ErrorObject): string {
  const where = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') return `${where}: unknown key "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'required') return `${where}: missing "${String(error.params.missingProperty)}"`;
  return `${where}: ${error.message ?? error.keyword}`;
}

const pinned = /^[\w.-]+\/[\w.-]+(\/[^@\s]+)?@[0-9a-f]{40}$/;

/** Our rules, beyond the schema. Returns problems as `file:line: what — how to fix`. */
function ruleProblems(file: string, text: string): string[] {
  const problems: string[] = [];
  const workflow = parse(text) as Json;
  const lines = text.split('\n');

  lines.forEach((line, index) => {
    const match = /^\s*(?:-\s+)?uses:\s*["']?([^"'\s#]+)["']?\s*(#.*)?$/.exec(line);
    if (!match) return;
    const [, target = '', comment] = match;
    if (target.startsWith('./')) return; // an action in this repository: pinned by the commit itself
    if (!pinned.test(target)) {
      problems.push(`${file}:${index + 1}: ${target} is not pinned to a commit — use owner/repo@<40-hex commit sha> # vX.Y.Z`);
    } else if (!comment || !/^#\s*v\d+(\.\d+){0,2}\b/.test(comment)) {
      problems.push(`${file}:${index + 1}: ${target} has no version comment — add the tag the commit is, e.g. # v4.2.2`);
    }
  });

  const permissions = workflow.permissions;
  if (permissions === undefined) {
    problems.push(`${file}: no top-level permissions — start from \`permissions: { contents: read }\` and widen per job`);
  } else if (typeof permissions !== 'object' || permissions === null || (permissions as Json).contents !== 'read') {
    problems.push(`${file}: top-level permissions must be \`contents: read\`, found ${JSON.stringify(permissions)} — widen per job instead`);
  } else {
    for (const [scope, level] of Object.entries(permissions as Json)) {
      if (level === 'write') problems.push(`${file}: top-level permission ${scope}: write — grant it only to the job that needs it`);
    }
  }

  for (const [id, job] of Object.entries((workflow.jobs ?? {}) as Record<string, Json>)) {
    // A job calling a reusable workflow takes its timeout from that workflow.
    if (job.uses === undefined && job['timeout-minutes'] === undefined) {
      problems.push(`${file}: job "${id}" has no timeout-minutes — a hung job would hold a runner for 6 hours`);
    }
  }
  return problems;
}

const workflowFiles = readdirSync(workflowsDir).filter((name) => /\.ya?ml$/.test(name));

describe('GitHub workflows', () => {
  it('exist', () => {
    expect(workflowFiles).toEqual(expect.arrayContaining(['ci.yml', 'release.yml', 'policy-review.yml', 'eval-summary.yml', 'drift.yml']));
  });

  describe.each(workflowFiles)('%s', (name) => {
    const text = readFileSync(path.join(workflowsDir, name), 'utf8');
    it('matches the GitHub workflow schema', () => {
      expect(schemaProblems(parse(text))).toEqual([]);
    });
    it('pins every action, starts from read-only permissions and sets timeouts', () => {
      expect(ruleProblems(name, text)).toEqual([]);
    });
  });

  it('lets the policy review comment on pull requests and nothing more, on policy paths only', () => {
    const review = parse(readFileSync(path.join(workflowsDir, 'policy-review.yml'), 'utf8')) as { on: { pull_request: { paths: string[] } }; jobs: Record<string, Json> };
    expect(Object.values(review.jobs).map((job) => job.permissions)).toEqual([{ contents: 'read', 'pull-requests': 'write' }]);
    expect(review.on.pull_request.paths).toEqual(['prompts/**/policy.md', 'prompts/**/policy.lock', 'prompts/_shared/**']);
  });

  it('lets the eval summary comment on pull requests that touch prompts, replaying recordings, and nothing more', () => {
    const text = readFileSync(path.join(workflowsDir, 'eval-summary.yml'), 'utf8');
    const summary = parse(text) as { on: { pull_request: { paths: string[] } }; jobs: Record<string, Json> };
    expect(Object.values(summary.jobs).map((job) => job.permissions)).toEqual([{ contents: 'read', 'pull-requests': 'write' }]);
    expect(summary.on.pull_request.paths).toEqual(['prompts/**']);
    expect(text).toContain('promptpack eval "$id" --provider replay');
    expect(text).not.toContain('OPENAI_API_KEY');
  });

  it('runs the drift check on a schedule with read-only permissions, skipping with a notice without the secret', () => {
    const text = readFileSync(path.join(workflowsDir, 'drift.yml'), 'utf8');
    const drift = parse(text) as { on: Json; jobs: Record<string, Json> };
    expect(Object.keys(drift.on)).toEqual(['schedule', 'workflow_dispatch']);
    expect(Object.values(drift.jobs).map((job) => job.permissions)).toEqual([undefined]);
    expect(text).toMatch(/if \[ -z "\$OPENAI_API_KEY" \]; then\n\s+echo "::notice title=Drift check skipped::/);
  });

  it('widens permissions only in the release job', () => {
    const release = parse(readFileSync(path.join(workflowsDir, 'release.yml'), 'utf8')) as { jobs: Record<string, Json> };
    expect(release.jobs.release?.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
  });
});

describe('the workflow lint', () => {
  const fixture = (name: string) => readFileSync(path.join(here, '__fixtures__', name), 'utf8');

  it('rejects an unpinned action, missing permissions and a job without a timeout', () => {
    expect(ruleProblems('careless.yml', fixture('careless.yml'))).toEqual([
      'careless.yml:8: actions/checkout@v4 is not pinned to a commit — use owner/repo@<40-hex commit sha> # vX.Y.Z',
      'careless.yml:9: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 has no version comment — add the tag the commit is, e.g. # v4.2.2',
      'careless.yml: no top-level permissions — start from `permissions: { contents: read }` and widen per job',
      'careless.yml: job "test" has no timeout-minutes — a hung job would hold a runner for 6 hours',
    ]);
  });

  it('rejects write permissions granted to the whole workflow', () => {
    const text = fixture('careless.yml').replace('on: push', 'on: push\npermissions: write-all');
    expect(ruleProblems('x.yml', text)).toContain('x.yml: top-level permissions must be `contents: read`, found "write-all" — widen per job instead');
    const widened = fixture('careless.yml').replace('on: push', 'on: push\npermissions:\n  contents: read\n  pull-requests: write');
    expect(ruleProblems('x.yml', widened)).toContain('x.yml: top-level permission pull-requests: write — grant it only to the job that needs it');
  });

  it('rejects a workflow the schema does not allow, naming the key', () => {
    expect(schemaProblems(parse(fixture('misspelt.yml')))).toEqual(
      expect.arrayContaining(['/jobs/test: missing "runs-on"', '/jobs/test/steps/0: unknown key "use"']),
    );
    const typo = fixture('careless.yml').replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    timeout-minute: 5');
    expect(schemaProblems(parse(typo))).toEqual(['/jobs/test: unknown key "timeout-minute"']);
    const stepTypo = fixture('careless.yml').replace('- run: npm test', '- run: npm test\n        shel: bash');
    expect(schemaProblems(parse(stepTypo))).toEqual(['/jobs/test/steps/2: unknown key "shel"']);
  });
});

// --- CODEOWNERS -------------------------------------------------------------

interface OwnerRule {
  pattern: RegExp;
  owners: string[];
}

/** The subset of CODEOWNERS syntax the file uses: anchored paths, `*` within one segment, `dir/` for a whole folder. */
function parseCodeowners(text: string): OwnerRule[] {
  return text
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => {
      const [glob = '', ...owners] = line.split(/\s+/);
      const body = glob.replace(/^\//, '').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
      return { pattern: new RegExp(`^${body}${glob.endsWith('/') ? '' : '$'}`), owners };
    });
}

function ownersOf(rules: readonly OwnerRule[], file: string): string[] {
  // The last matching rule wins, as on GitHub.
  return rules.filter((rule) => rule.pattern.test(file)).at(-1)?.owners ?? [];
}

describe('CODEOWNERS', () => {
  const rules = parseCodeowners(readFileSync(path.join(repoRoot, '.github/CODEOWNERS'), 'utf8'));
  it.each([
    ['prompts/support-reply/policy.md', ['@acme/legal']],
    ['prompts/support-reply/policy.lock', ['@acme/legal']],
    ['prompts/_shared/tone.md', ['@acme/legal']],
    ['prompts/support-reply/fewshots.yaml', ['@acme/prompt-owners']],
    ['prompts/support-reply/evals.yaml', ['@acme/prompt-owners']],
    ['prompts/support-reply/prompt.yaml', ['@acme/platform', '@acme/prompt-owners']],
    ['prompts/support-reply/template.hbs', ['@acme/platform', '@acme/prompt-owners']],
    ['prompts/order-support/tools.yaml', ['@acme/platform', '@acme/prompt-owners']],
    ['packages/runtime/src/index.ts', ['@acme/platform']],
    ['packages/release/src/run-release.ts', ['@acme/platform']],
    ['.github/workflows/release.yml', ['@acme/platform']],
  ])('%s needs %j', (file, owners) => {
    expect(ownersOf(rules, file)).toEqual(owners);
  });
});
