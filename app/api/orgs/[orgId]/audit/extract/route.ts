// GET /api/orgs/<orgId>/audit/extract?from=&to=&<the other filters of GET /api/orgs/<orgId>/audit> –
// «Выписка из журнала событий» (DOCX) of a period: the organisation's events (and those of the
// organisations below it), oldest first. `from` and `to` are required (ISO times, or dates:
// a whole day in Moscow time). At most 5,000 events: more is 422 EXTRACT_TOO_LARGE (a shorter
// period, or the XLSX export). Refusals as the org audit API's (401, 403, 404, 422).
import { type NextRequest } from 'next/server';
import { AppError } from '@/lib/errors';
import { auditExtractDocx, exportFileName, filterSummary } from '@/lib/history/documents';
import { formatDateTime } from '@/lib/history/values';
import { apiError } from '../../../../../_lib/api';
import { openHistoryFile } from '../../../../../_lib/history-export';
import { fileResponse } from '../../../../../_lib/file-response';

export const dynamic = 'force-dynamic';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function GET(req: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  try {
    const { orgId } = await params;
    const { user, query, org, seen, pages } = await openHistoryFile(req.nextUrl.searchParams, orgId, (q) => {
      const missing = (['from', 'to'] as const).filter((k) => !q[k]);
      if (missing.length) throw new AppError('UNPROCESSABLE', `invalid: ${missing.join(', ')}`, { fields: missing });
    });
    const { bytes } = await auditExtractDocx(pages, {
      orgName: org?.name ?? '',
      from: query.from!,
      to: query.to!,
      generatedAt: new Date(),
      generatedBy: user.name,
      filters: () => filterSummary(query, seen, { withPeriod: false }),
    });
    const day = (iso: string) => formatDateTime(iso).slice(0, 10);
    const fileName = exportFileName(['Выписка из журнала событий', org?.name, `${day(query.from!)}–${day(query.to!)}`], 'docx');
    return fileResponse({ bytes, fileName, contentType: DOCX });
  } catch (err) {
    return apiError(err);
  }
}
