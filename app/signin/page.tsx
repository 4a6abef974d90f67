import { redirect } from 'next/navigation';
import { currentLocale } from '../_lib/i18n';
import { currentUser } from '../_lib/session';
import { messagesFor } from '@/lib/i18n/messages';
import { SignInForm } from './SignInForm';
import { getDb } from '@/db';
import { findUserByEmail } from '@/db/queries/users';
import { demoEmail } from '@/lib/demo/accounts';

export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  if (await currentUser()) redirect('/');
  const m = messagesFor(await currentLocale());
  const { error, callbackUrl } = await searchParams;
  const next = callbackUrl && callbackUrl.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : '/';
  // The demo hint shows only where the demo accounts exist, and the password only if it is the default.
  const demo = (await findUserByEmail(getDb(), demoEmail('curator'))) !== undefined;
  const hint = demo ? (process.env.DEMO_PASSWORD ? m.signIn.demoHint.replace(/,[^,]*$/, '') : m.signIn.demoHint) : null;
  return (
    <section className="page narrow">
      <h1>{m.signIn.title}</h1>
      <SignInForm m={m.signIn} initialError={error ?? null} callbackUrl={next} hint={hint} />
    </section>
  );
}
