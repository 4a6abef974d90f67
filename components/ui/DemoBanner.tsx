import { getDb } from '@/db';
import { countPublicPasswordAccounts } from '@/db/queries/accounts';
import type { Messages } from '@/lib/i18n/messages';

/**
 * «Демонстрационные данные»: shown on every page while any enabled account has a public
 * password (the demo seed marks its accounts; a password change or disabling clears it).
 */
export async function DemoBanner({ m }: { m: Messages }) {
  const open = await countPublicPasswordAccounts(getDb());
  if (open === 0) return null;
  return (
    <p className="demo-banner" role="note" data-testid="demo-banner">
      {m.accounts.demoBanner(open)}
    </p>
  );
}
