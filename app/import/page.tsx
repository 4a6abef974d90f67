import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { visibleOrganisations } from '@/db/queries/organisations';
import { can } from '@/lib/permissions';
import { messagesFor } from '@/lib/i18n/messages';
import { ImportWizard } from '@/components/import/ImportWizard';
import { currentLocale } from '../_lib/i18n';
import { currentUser } from '../_lib/session';

export const dynamic = 'force-dynamic';

// GET /import?org=<id> – import a roadmap document into a new board of an organisation.
export default async function ImportPage({ searchParams }: { searchParams: Promise<{ org?: string }> }) {
  const user = await currentUser();
  if (!user) redirect('/signin?callbackUrl=%2Fimport');
  const locale = await currentLocale();
  const m = messagesFor(locale);
  const orgs = (await visibleOrganisations(getDb(), user.principal)).filter((o) => can(user.principal, 'board.create', { type: 'org', orgPath: o.path }));
  const wanted = (await searchParams).org;
  const defaultOrgId = orgs.find((o) => o.id === wanted)?.id ?? orgs[0]?.id ?? '';
  return (
    <section className="page wide">
      <p className="crumbs">
        <Link href="/">← {m.board.back}</Link>
      </p>
      <h1>{m.importer.title}</h1>
      {orgs.length === 0 ? (
        <p className="msg error" role="alert">{m.importer.noOrgs}</p>
      ) : (
        <>
          <p className="hint">{m.importer.intro}</p>
          <ImportWizard orgs={orgs.map((o) => ({ id: o.id, name: o.name }))} defaultOrgId={defaultOrgId} locale={locale} />
        </>
      )}
    </section>
  );
}
