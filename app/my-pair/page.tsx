import Link from 'next/link';
import { redirect } from 'next/navigation';
import { messagesFor } from '@/lib/i18n/messages';
import { MyPair } from '@/components/pairs/MyPair';
import { currentLocale } from '../_lib/i18n';
import { currentUser } from '../_lib/session';

export const dynamic = 'force-dynamic';

// GET /my-pair – «Моя пара»: a mentee's pair (its mentor, the meetings to rate, the survey),
// and a mentor's pairs. What it shows comes from GET /api/me/pairs for this account.
export default async function MyPairPage() {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent('/my-pair')}`);
  const locale = await currentLocale();
  const m = messagesFor(locale);
  return (
    <section className="page my-pair" data-testid="my-pair-page">
      <p className="crumbs">
        <Link href="/">← {m.nav.boards}</Link>
      </p>
      <h1>{m.pairs.myPair}</h1>
      <MyPair locale={locale} />
    </section>
  );
}
