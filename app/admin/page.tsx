import { redirect } from 'next/navigation';
import { getDb } from '@/db';
import { visibleOrganisations } from '@/db/queries/organisations';
import { listMembers } from '@/db/queries/users';
import { can, ROLES } from '@/lib/permissions';
import { messagesFor } from '@/lib/i18n/messages';
import { ChangeRoleForm, CreateOrganisationForm, CreateUserForm, GrantRoleForm, RevokeRoleButton } from '@/components/admin/AdminForms';
import { AccountActions } from '@/components/admin/AccountActions';
import { currentLocale } from '../_lib/i18n';
import { currentUser } from '../_lib/session';

export const dynamic = 'force-dynamic';

// GET /admin – create users, invite them to an organisation, change roles, reset passwords, disable accounts (admins only)
export default async function AdminPage() {
  const user = await currentUser();
  if (!user) redirect('/signin?callbackUrl=/admin');
  const locale = await currentLocale();
  const m = messagesFor(locale);
  const db = getDb();
  const managed = (await visibleOrganisations(db, user.principal)).filter((o) =>
    can(user.principal, 'user.manage', { type: 'org', orgPath: o.path }),
  );
  if (managed.length === 0) {
    return (
      <section className="page narrow" data-testid="admin-forbidden">
        <h1>{m.forbidden.title}</h1>
        <p>{m.admin.forbidden}</p>
      </section>
    );
  }
  const members = await listMembers(db, managed.map((o) => o.id));
  const orgOptions = managed.map((o) => ({ id: o.id, label: `${'— '.repeat(o.path.length - 1)}${o.name}` }));
  const roleOptions = ROLES.map((r) => ({ id: r, label: m.roles[r] }));
  // A person with several roles appears on several rows; its account controls, on the first.
  const firstRowOf = new Map<string, string>();
  for (const row of members) if (!firstRowOf.has(row.id)) firstRowOf.set(row.id, `${row.orgId}-${row.role}`);

  return (
    <section className="page" data-testid="admin-page">
      <h1>{m.admin.title}</h1>
      <div className="two-cols">
        <CreateUserForm orgs={orgOptions} roles={roleOptions} locale={locale} />
        <GrantRoleForm orgs={orgOptions} roles={roleOptions} locale={locale} />
        <CreateOrganisationForm parents={orgOptions.map((o, i) => ({ ...o, kind: managed[i].kind }))} locale={locale} />
      </div>
      <h2>{m.admin.members}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{m.admin.name}</th>
            <th scope="col">{m.admin.email}</th>
            <th scope="col">{m.admin.organisation}</th>
            <th scope="col">{m.admin.role}</th>
            <th scope="col"><span className="sr-only">{m.admin.revoke}</span></th>
            <th scope="col">{m.accounts.actions}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((row) => (
            <tr key={`${row.id}-${row.orgId}-${row.role}`}>
              <td>
                {row.name}
                {row.disabled && <span className="badge-disabled" data-testid="account-disabled">({m.accounts.disabled})</span>}
              </td>
              <td>{row.email}</td>
              <td>{managed.find((o) => o.id === row.orgId)?.name}</td>
              <td>
                <ChangeRoleForm userId={row.id} orgId={row.orgId} role={row.role} name={row.name} roles={roleOptions} locale={locale} />
              </td>
              <td>
                <RevokeRoleButton userId={row.id} orgId={row.orgId} role={row.role} label={`${m.admin.revoke}: ${row.name}, ${m.roles[row.role]}`} text={m.admin.revoke} errors={m.errors} />
              </td>
              <td>
                {row.id !== user.id && firstRowOf.get(row.id) === `${row.orgId}-${row.role}` && (
                  <AccountActions userId={row.id} name={row.name} disabled={row.disabled} locale={locale} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
