// GET /api/orgs/<orgId>/people/export?bank=mentor|mentee&<the bank page's filters> – the filtered bank
// as XLSX (Russian headers that the bank import reads back). Logged as an export of each person.
import { type NextRequest } from 'next/server';
import { getDb } from '@/db';
import { getOrganisation } from '@/db/queries/organisations';
import { exportBank, orgPeopleContext } from '@/db/queries/people';
import { AppError } from '@/lib/errors';
import { bankXlsx, type BankExportRow } from '@/lib/people/bank-file';
import { bankFilterSummary } from '@/lib/people/filters';
import { apiError, requirePrincipal } from '../../../../../_lib/api';

export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest, { params }: { params: Promise<{ orgId: string }> }) {
  try {
    const user = await requirePrincipal();
    const { orgId } = await params;
    const db = getDb();
    await orgPeopleContext(db, user.principal, orgId); // NOT_FOUND before anything else
    const query = Object.fromEntries(req.nextUrl.searchParams);
    const bank = query.bank === 'mentor' || query.bank === 'mentee' ? query.bank : null;
    if (!bank) throw new AppError('UNPROCESSABLE', 'invalid: bank', { fields: ['bank'] });
    const rows: BankExportRow[] = [];
    for await (const page of exportBank(db, user.principal, orgId, { ...query, after: undefined })) {
      for (const r of page) {
        rows.push({
          fullName: r.fullName,
          birthDate: r.birthDate,
          minor: r.minor,
          category: r.category,
          positionOrClass: r.positionOrClass,
          experienceYears: r.experienceYears,
          youngSpecialist: r.youngSpecialist,
          contacts: r.contacts,
          forms: r.forms,
          tags: r.tags,
          requestText: r.requestText,
          capacity: r.capacity,
          status: r.status,
          consent: r.consent.signer
            ? { valid: r.consent.valid, signer: r.consent.signer, signedOn: r.consent.signedOn, withdrawnOn: r.consent.withdrawnOn, ...r.consentDocument }
            : null,
        });
      }
    }
    const org = await getOrganisation(db, orgId);
    const bytes = await bankXlsx(rows, { bank, orgName: org?.name ?? '', filterSummary: bankFilterSummary(query), generatedAt: new Date() });
    const name = `${bank === 'mentor' ? 'Банк наставников' : 'Банк наставляемых'}.xlsx`;
    return new Response(Buffer.from(bytes), {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="bank.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'cache-control': 'no-store',
      },
    });
  } catch (err) {
    return apiError(err);
  }
}
