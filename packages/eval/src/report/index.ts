export { compareResults, deltaPoints, type CaseChange, type CaseComparison, type CaseSide, type ComparedVersion, type Comparison } from './compare.js';
export { renderCompareHtml } from './compare-html.js';
export { renderCompareMarkdown } from './compare-markdown.js';
export { renderHtmlReport } from './html.js';
export { renderMarkdownReport } from './markdown.js';
export {
  caseReasons,
  formatSummaryLine,
  percent,
  representativeRun,
  summarizeResult,
  summarizeTier,
  type GateVerdict,
  type ResultSummary,
} from './summarize.js';
