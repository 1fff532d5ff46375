export type { PageScript, ReportPageAssets } from './renderRunReportPage.js';
export { renderRunReportPage } from './renderRunReportPage.js';
export type {
  ReportDiagnosis,
  ReportProgram,
  ReportSimulation,
  RunReportData,
} from './runReportData.js';
