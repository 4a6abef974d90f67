import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { getDb } from '@/db';
import { getOrganisation } from '@/db/queries/organisations';
import { orgPeopleContext } from '@/db/queries/people';
import { BankImport } from '@/components/people/BankImport';
import { isAppError } from '@/lib/errors';
import { messagesFor } from '@/lib/i18n/messages';
import { mayEditPeople } from '@/lib/permissions';
import { currentLocale } from '../../../../_lib/i18n';
import { currentUser } from '../../../../_lib/session';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ orgId: string }>; searchParams: Promise<{ bank?: string }> };

// GET /orgs/<orgId>/people/import?bank=mentor|mentee – import a bank from an Excel / CSV list
// (preview, then all or nothing). The organisation's curator or admin only.
export default async function BankImportPage({ params, searchParams }: Props) {
  const { orgId } = await params;
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/orgs/${orgId}/people/import`)}`);
  const m = messagesFor(await currentLocale());
  const locale = await currentLocale();
  const db = getDb();
  let access;
  try {
    access = (await orgPeopleContext(db, user.principal, orgId)).access;
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') notFound();
    throw err;
  }
  const org = await getOrganisation(db, orgId);
  const wanted = (await searchParams).bank;
  const bank = wanted === 'mentor' ? 'mentor' : 'mentee';
  return (
    <section className="page wide">
      <p className="crumbs">
        <Link href={`/orgs/${orgId}/people?bank=${bank}`}>← {m.bankImport.back}</Link>
      </p>
      <h1>{m.bankImport.title}</h1>
      {org && <p className="hint">{org.name}</p>}
      {mayEditPeople(access) ? (
        <>
          <p className="hint">{m.bankImport.intro}</p>
          <BankImport orgId={orgId} defaultBank={bank} locale={locale} />
        </>
      ) : (
        <p className="msg error" role="alert">{m.bankImport.forbidden}</p>
      )}
    </section>
  );
}
