import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { getDb } from '@/db';
import { visibleOrganisations } from '@/db/queries/organisations';
import { can } from '@/lib/permissions';
import { LocaleSwitch } from '@/components/ui/LocaleSwitch';
import { SignOutButton } from '@/components/ui/SignOutButton';
import { DemoBanner } from '@/components/ui/DemoBanner';
import { currentLocale } from './_lib/i18n';
import { messagesFor } from '@/lib/i18n/messages';
import { currentUser } from './_lib/session';
import './globals.css';

export const metadata: Metadata = { title: 'Тропа', description: 'Живые доски программ наставничества' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await currentLocale();
  const m = messagesFor(locale);
  const user = await currentUser();
  const mayAdminister =
    user !== null &&
    (await visibleOrganisations(getDb(), user.principal)).some((o) => can(user.principal, 'user.manage', { type: 'org', orgPath: o.path }));
  return (
    <html lang={locale}>
      <body>
        <a href="#main" className="skip-link">{locale === 'ru' ? 'К содержанию' : 'Skip to content'}</a>
        <header className="topbar">
          <Link href="/" className="brand">
            {m.appName}
          </Link>
          <span className="tagline">{m.tagline}</span>
          <nav aria-label={m.nav.boards} className="topnav">
            {user && <Link href="/">{m.nav.boards}</Link>}
            {mayAdminister && <Link href="/admin">{m.nav.admin}</Link>}
            {user?.principal.memberships.some((r) => r.role === 'mentor' || r.role === 'mentee') && <Link href="/my-pair">{m.pairs.myPair}</Link>}
            {user && <Link href="/account">{m.accounts.nav}</Link>}
          </nav>
          <div className="topbar-right">
            <LocaleSwitch current={locale} label={m.nav.language} />
            {user && (
              <>
                <span className="who" data-testid="current-user">{user.name}</span>
                <SignOutButton label={m.nav.signOut} />
              </>
            )}
          </div>
        </header>
        <DemoBanner m={m} />
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
