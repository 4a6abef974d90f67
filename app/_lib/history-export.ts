import 'server-only';
import { getDb } from '@/db';
import { streamOrgAudit } from '@/db/queries/org-audit';
import { getOrganisation } from '@/db/queries/organisations';
import { exportQuery, watchNames, withFirstPage, type FilterNames } from '@/lib/history/documents';
import { requirePrincipal } from './api';

/**
 * What both history files start from (the export and the extract): the signed-in reader, the
 * filter of the URL (`check` refuses what a file needs and lacks), the filtered history as pages
 * whose first one is read here — it authorises and validates, so a refusal is a proper error
 * response before anything is sent — the organisation, and the names the filter mentions as the
 * pages meet them (for the file's summary of its filter).
 */
export async function openHistoryFile(params: URLSearchParams, orgId: string, check?: (query: ReturnType<typeof exportQuery>) => void) {
  const user = await requirePrincipal();
  const query = exportQuery(Object.fromEntries(params));
  check?.(query);
  const db = getDb();
  const first = await withFirstPage(streamOrgAudit(db, user.principal, orgId, query));
  const org = await getOrganisation(db, orgId);
  const seen: FilterNames = {};
  return { user, query, org, seen, pages: watchNames(first, query, seen) };
}
