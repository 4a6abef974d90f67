import { redirect } from 'next/navigation';
import { messagesFor } from '@/lib/i18n/messages';
import { ChangePasswordForm } from '@/components/account/ChangePasswordForm';
import { currentLocale } from '../_lib/i18n';
import { currentUser } from '../_lib/session';

export const dynamic = 'force-dynamic';

// GET /account – the signed-in user's own account: change the password
export default async function AccountPage() {
  const user = await currentUser();
  if (!user) redirect('/signin?callbackUrl=%2Faccount');
  const locale = await currentLocale();
  const m = messagesFor(locale);
  return (
    <section className="page narrow" data-testid="account-page">
      <h1>{m.accounts.title}</h1>
      <p>
        {user.name} · {user.email}
      </p>
      <ChangePasswordForm locale={locale} />
    </section>
  );
}
