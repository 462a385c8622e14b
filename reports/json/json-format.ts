import type { ReportFormat } from '../report-format.js';

/** The run as JSON, schema version 1 (docs/report-format.md). */
export const jsonFormat: ReportFormat = {
  name: 'json',
  description: 'the results as JSON (docs/report-format.md)',
  fileName: 'report.json',
  format: (report) => `${JSON.stringify(report, null, 2)}\n`,
};
