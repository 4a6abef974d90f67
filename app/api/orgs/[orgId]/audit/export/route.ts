// GET /api/orgs/<orgId>/audit/export?format=csv|xlsx&<the filters of GET /api/orgs/<orgId>/audit> –
// exactly the filtered history (every page of it, newest first) as a file: CSV (UTF-8 with BOM,
// `;`, Russian headers, Moscow time) or XLSX. Streamed page by page as the client reads it.
// Refusals as the org audit API's (401, 403, 404, 422) before anything is sent.
import { type NextRequest } from 'next/server';
import { AppError } from '@/lib/errors';
import { auditCsvStream, auditXlsxStream, exportFileName, filterSummary } from '@/lib/history/documents';
import { formatDateTime } from '@/lib/history/values';
import { apiError } from '../../../../../_lib/api';
import { openHistoryFile } from '../../../../../_lib/history-export';
import { streamResponse } from '../../../../../_lib/file-response';

export const dynamic = 'force-dynamic';

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export async function GET(req: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  try {
    const { orgId } = await params;
    const asked = req.nextUrl.searchParams.get('format') ?? 'csv';
    const format = asked === 'csv' || asked === 'xlsx' ? asked : null;
    const { user, query, org, seen, pages: watched } = await openHistoryFile(req.nextUrl.searchParams, orgId, () => {
      if (!format) throw new AppError('UNPROCESSABLE', 'invalid: format', { fields: ['format'] }); // after sign-in, as before
    });
    const now = new Date();
    const fileName = exportFileName(['Журнал событий', org?.name, formatDateTime(now.toISOString()).slice(0, 10) /* the day in Moscow */], format!);
    const stream =
      format === 'csv'
        ? auditCsvStream(watched)
        : auditXlsxStream(watched, { orgName: org?.name ?? null, filters: () => filterSummary(query, seen), generatedAt: now, generatedBy: user.name });
    return streamResponse({ stream, fileName, contentType: CONTENT_TYPES[format!] });
  } catch (err) {
    return apiError(err);
  }
}
