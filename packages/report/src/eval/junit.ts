import type { EvalResult } from '@promptpack/spec';
import { xmlAttribute, xmlText } from '../xml/xml-text.js';
import { caseReasons, representativeRun, tiers, type CaseResult, type GateVerdict } from './summarize.js';
import { toolCallsText } from './tool-calls-text.js';
import { caseGrades, gradeText } from './model-grades.js';

/** One prompt's run for a JUnit report: its result and, with `--gate`, the verdict. */
export interface JunitEntry {
  result: EvalResult;
  gate?: GateVerdict;
}

/**
 * A JUnit XML report for CI systems (GitHub, GitLab, Jenkins, Buildkite read
 * it): a testsuite per prompt and tier, a testcase per case. A fail is a
 * `<failure>` with every failed assertion's reason and the answer; an errored
 * run an `<error>`; a soft pass passes (it counts towards the pass rate) and
 * says why it was not hard; a backlog case that fails is `<skipped>`, because
 * backlog never blocks. With a gate verdict, a `gate` testcase per prompt
 * carries it. Deterministic for a given result.
 */
export function renderJunitReport(entries: readonly JunitEntry[]): string {
  const suites = entries.flatMap((entry) => suitesOf(entry));
  const count = (key: 'tests' | 'failures' | 'errors' | 'skipped') => suites.reduce((sum, suite) => sum + suite[key], 0);
  const time = seconds(entries.reduce((sum, entry) => sum + entry.result.durationMs, 0));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="promptpack eval" tests="${count('tests')}" failures="${count('failures')}" errors="${count('errors')}" skipped="${count('skipped')}" time="${time}">`,
    ...suites.flatMap((suite) => suite.lines),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

interface Suite {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  lines: string[];
}

function suitesOf({ result, gate }: JunitEntry): Suite[] {
  const label = `${result.prompt.name}@${result.prompt.version}`;
  const suites: Suite[] = [];
  for (const tier of tiers) {
    const cases = result.cases.filter((c) => c.tier === tier);
    if (cases.length === 0) continue;
    const testcases = cases.map((c) => testcase(result, c));
    suites.push(suite(`${label} ${tier}`, result, testcases));
  }
  if (gate) {
    const body = gate.passed ? [] : [`    <failure message="${xmlAttribute(gate.reasons[0] ?? 'the gate failed')}" type="gate">${xmlText(gate.reasons.join('\n'))}</failure>`];
    suites.push(suite(`${label} gate`, result, [{ kind: gate.passed ? 'pass' : 'failure', lines: wrap(result.prompt.id, 'gate', 0, body) }]));
  }
  return suites;
}

interface Testcase {
  kind: 'pass' | 'failure' | 'error' | 'skipped';
  lines: string[];
}

function suite(name: string, result: EvalResult, testcases: Testcase[]): Suite {
  const by = (kind: Testcase['kind']) => testcases.filter((t) => t.kind === kind).length;
  const counts = { tests: testcases.length, failures: by('failure'), errors: by('error'), skipped: by('skipped') };
  const attributes = `name="${xmlAttribute(name)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" timestamp="${xmlAttribute(result.startedAt)}"`;
  return {
    ...counts,
    lines: [
      `  <testsuite ${attributes}>`,
      '    <properties>',
      ...[
        ['provider', result.provider],
        ['model', result.model],
        ['repeats', String(result.repeats)],
        ['contentHash', result.prompt.contentHash],
      ].map(([key, value]) => `      <property name="${key}" value="${xmlAttribute(value as string)}"/>`),
      '    </properties>',
      ...testcases.flatMap((t) => t.lines),
      '  </testsuite>',
    ],
  };
}

function testcase(result: EvalResult, c: CaseResult): Testcase {
  const reasons = caseReasons(c);
  const run = representativeRun(c);
  const calls = toolCallsText(run?.toolCalls);
  const grades = caseGrades(c).map(gradeText);
  const details = [
    ...reasons,
    ...(grades.length > 0 ? ['', 'model-graded:', ...grades] : []),
    ...(run?.output ? ['', 'output:', run.output] : []),
    ...(calls ? ['', 'tool calls:', calls] : []),
  ].join('\n');
  const message = xmlAttribute(reasons[0] ?? c.outcome);
  const time = c.runs.reduce((sum, r) => sum + r.latencyMs, 0);
  let kind: Testcase['kind'] = 'pass';
  let body: string[] = [];
  if (c.outcome === 'error') {
    kind = 'error';
    const code = c.runs.find((r) => r.errorCode)?.errorCode ?? 'error';
    body = [`    <error message="${message}" type="${xmlAttribute(code)}">${xmlText(details)}</error>`];
  } else if (c.outcome === 'fail' && c.tier === 'backlog') {
    kind = 'skipped';
    body = [`    <skipped message="${xmlAttribute(`backlog (never blocks): ${reasons[0] ?? 'fail'}`)}"/>`];
  } else if (c.outcome === 'fail') {
    kind = 'failure';
    body = [`    <failure message="${message}" type="assertion">${xmlText(details)}</failure>`];
  } else if (c.outcome === 'soft-pass') {
    body = [`    <system-out>${xmlText(`soft pass: ${details}`)}</system-out>`];
  } else if (grades.length > 0) {
    body = [`    <system-out>${xmlText(['model-graded:', ...grades].join('\n'))}</system-out>`];
  }
  return { kind, lines: wrap(`${result.prompt.id}.${c.tier}`, c.id, time, body) };
}

function wrap(classname: string, name: string, timeMs: number, body: string[]): string[] {
  const open = `    <testcase classname="${xmlAttribute(classname)}" name="${xmlAttribute(name)}" time="${seconds(timeMs)}"`;
  return body.length === 0 ? [`${open}/>`] : [`${open}>`, ...body.map((line) => `  ${line}`), '    </testcase>'];
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}
