import { redirect } from 'next/navigation';
import { currentLocale } from '../_lib/i18n';
import { currentUser } from '../_lib/session';
import { messagesFor } from '@/lib/i18n/messages';
import { SignInForm } from './SignInForm';
import { getDb } from '@/db';
import { countPublicPasswordAccounts } from '@/db/queries/accounts';
import { safeLocalPath } from '@/lib/http/safe-path';

export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (await currentUser()) redirect('/');
  const m = messagesFor(await currentLocale());
  const { error, callbackUrl, changed } = await searchParams;
  const next = safeLocalPath(callbackUrl);
  // The demo hint shows only while public-password accounts are enabled, and the password only if it is the default.
  const demo = (await countPublicPasswordAccounts(getDb())) > 0;
  const hint = demo ? (process.env.DEMO_PASSWORD ? m.signIn.demoHint.replace(/,[^,]*$/, '') : m.signIn.demoHint) : null;
  return (
    <section className="page narrow">
      <h1>{m.signIn.title}</h1>
      {changed === '1' && <p className="msg ok" role="status">{m.accounts.changedSignInAgain}</p>}
      <SignInForm m={m.signIn} initialError={error ?? null} callbackUrl={next} hint={hint} />
    </section>
  );
}
