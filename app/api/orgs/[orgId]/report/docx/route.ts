// GET /api/orgs/<orgId>/report/docx?round=YYYY-MM – «Аналитическая справка по итогам мониторинга»
// (DOCX, with the charts) of the organisation's round; without `round`, the current one.
// 'report.read' (head, curator): 401, 403, unknown or hidden 404, a bad round 422 ROUND_INVALID.
// The charts are drawn by the server process's renderer (lib/reports/documents/chart-renderer.ts).
import { type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { getOrgReport } from '@/db/queries/reports';
import { renderReportCharts } from '@/lib/reports/documents/chart-renderer';
import { reportDocxFile } from '@/lib/reports/documents/files';
import { apiError, requirePrincipal } from '../../../../../_lib/api';
import { fileResponse } from '../../../../../_lib/file-response';

export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  try {
    const user = await requirePrincipal();
    const report = await getOrgReport(getDb(), user.principal, (await params).orgId, req.nextUrl.searchParams.get('round') ?? undefined);
    return fileResponse(await reportDocxFile(report, await renderReportCharts(report)));
  } catch (err) {
    return apiError(err);
  }
}
