// GET /api/orgs/<orgId>/report/xlsx?round=YYYY-MM – every figure of the organisation's round as
// a workbook: «Показатели», «Индикаторы», «Организации» (the roll-up), «Дорожная карта»;
// without `round`, the current one. 'report.read' (head, curator): 401, 403, 404, 422 ROUND_INVALID.
import { type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { getOrgReport } from '@/db/queries/reports';
import { reportXlsxFile } from '@/lib/reports/documents/files';
import { apiError, requirePrincipal } from '../../../../../_lib/api';
import { fileResponse } from '../../../../../_lib/file-response';

export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  try {
    const user = await requirePrincipal();
    const report = await getOrgReport(getDb(), user.principal, (await params).orgId, req.nextUrl.searchParams.get('round') ?? undefined);
    return fileResponse(await reportXlsxFile(report));
  } catch (err) {
    return apiError(err);
  }
}
