import type { CaseResult, ModelGrade } from '@promptpack/spec';
import { representativeRun } from './summarize.js';

/** One model-graded check as the reports show it: what graded, the verdict, the number it rests on, and why. */
export interface GradeLine {
  placement: 'hard' | 'soft';
  assertion: string;
  verdict: 'pass' | 'fail';
  /** `score 0.8` (llm-rubric) or `similarity 0.912` (similar). */
  measure: string;
  grader: string;
  reason: string;
}

/** The model-graded checks of the run that stands for the case (every run of it sends the same requests). */
export function caseGrades(c: CaseResult): GradeLine[] {
  return (representativeRun(c)?.grades ?? []).map(gradeLine);
}

export function gradeLine(grade: ModelGrade): GradeLine {
  const measure = grade.score !== undefined ? `score ${grade.score}` : grade.similarity !== undefined ? `similarity ${grade.similarity.toFixed(3)}` : '';
  return {
    placement: grade.soft ? 'soft' : 'hard',
    assertion: grade.description ? `${grade.assertion} (${grade.description})` : grade.assertion,
    verdict: grade.pass ? 'pass' : 'fail',
    measure,
    grader: grade.grader,
    reason: grade.reason,
  };
}

/** The same, as one plain line (JUnit, terminals). */
export function gradeText(line: GradeLine): string {
  return `${line.placement} ${line.assertion}: ${line.verdict}${line.measure ? `, ${line.measure}` : ''} (${line.grader}): ${line.reason}`;
}
