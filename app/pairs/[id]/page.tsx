import Link from 'next/link';
import { redirect } from 'next/navigation';
import { messagesFor } from '@/lib/i18n/messages';
import { todayIso } from '@/lib/people/rules';
import { PairPage } from '@/components/pairs/PairPage';
import { currentLocale } from '../../_lib/i18n';
import { currentUser } from '../../_lib/session';

export const dynamic = 'force-dynamic';

// GET /pairs/[id] – a pair's page. What it shows is what GET /api/pairs/<id> answers for this
// user (names as DESIGN.md "Personal data" allows; nothing to someone outside the pair or its
// organisation). `manages`: the organisations where the user is curator or administrator (the
// people rule's 'edit': a role held in the organisation itself), for the curator's controls.
export default async function PairRoute({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(`/pairs/${id}`)}`);
  const locale = await currentLocale();
  const m = messagesFor(locale);
  const manages = user.principal.memberships.filter((r) => r.role === 'curator' || r.role === 'admin').map((r) => r.orgId);
  return (
    <section className="page" data-testid="pair-route">
      <p className="crumbs">
        <Link href="/">← {m.nav.boards}</Link>
        {user.principal.memberships.some((r) => r.role === 'mentor' || r.role === 'mentee') && (
          <>
            {' · '}
            <Link href="/my-pair">{m.pairs.myPair}</Link>
          </>
        )}
      </p>
      <PairPage pairId={id} me={{ id: user.id }} manages={manages} locale={locale} today={todayIso()} />
    </section>
  );
}
