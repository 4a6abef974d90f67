// The history's exports (issue 15, item 5): CSV and XLSX of the filtered view, streamed page by
// page, and the DOCX «Выписка из журнала событий» for a period.
export { auditCsvChunks, auditCsvStream, auditCsvText, csvField, CSV_SEPARATOR } from './csv';
export { auditXlsxStream, writeAuditXlsx, ExportCancelled, type XlsxExportInfo } from './xlsx';
export { auditExtractDocx, EXTRACT_ROW_LIMIT, EXTRACT_TITLE, extractTooLargeMessage, type ExtractInput } from './extract-docx';
export { DEFAULT_TIME_ZONE, EXPORT_HEADERS, exportRow, exportRows, readableOf, wallClock, withFirstPage, type AuditPage, type ExportOptions, type ExportRow } from './rows';
export { dayBound, exportFileName, exportQuery, filterSummary, watchNames, type AuditFilter, type FilterNames } from './filters';
