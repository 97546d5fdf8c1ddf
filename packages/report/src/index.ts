// Prompt diffs (computed by @promptpack/core) as text, markdown and HTML.
export { renderDiffText, type RenderTextOptions } from './diff/render-text.js';
export { renderDiffMarkdown } from './diff/render-markdown.js';
export { renderDiffHtml } from './diff/render-html.js';
export { renderSharedMarkdown, renderSharedText } from './diff/render-shared.js';

// Eval results (recorded by @promptpack/eval) as summaries, markdown and HTML.
export { compareResults, deltaPoints, type CaseChange, type CaseComparison, type CaseSide, type ComparedVersion, type Comparison } from './eval/compare.js';
export { renderCompareHtml } from './eval/compare-html.js';
export { renderCompareMarkdown } from './eval/compare-markdown.js';
export { renderHtmlReport } from './eval/html.js';
export { renderMarkdownReport } from './eval/markdown.js';
export { renderJunitReport, type JunitEntry } from './eval/junit.js';
export { toolCallsText } from './eval/tool-calls-text.js';
export {
  caseReasons,
  formatSummaryLine,
  percent,
  representativeRun,
  summarizeResult,
  summarizeTier,
  type GateVerdict,
  type ResultSummary,
} from './eval/summarize.js';
// The per-tier counts are the eval record's (@promptpack/spec), re-exported for report readers.
export type { TierSummary } from '@promptpack/spec';

// The page shell every HTML report uses, for tools that add a page of their own.
export { escapeHtml, html, Html } from './html/html.js';
export { contentSecurityPolicy, htmlPage, type PageParts } from './html/page.js';

// The page of `promptpack review`, where a person grades answers.
export { renderReviewPage, reviewPagePolicy, type ReviewItem, type ReviewPageGrade, type ReviewPageParts } from './review/review-page.js';
// A pull request's before/after eval summary, for a comment on it.
export { summarizeEvalChange, type CaseFlip, type EvalChange, type EvalChangeInput, type TierChange } from './eval-summary/summarize-eval-change.js';
export { renderEvalSummaryMarkdown } from './eval-summary/render-eval-summary-markdown.js';
