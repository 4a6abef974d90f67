'use client';
import { useActionState } from 'react';
import { changeRoleAction, createOrganisationAction, createUserAction, grantRoleAction, revokeRoleAction } from '@/app/actions/admin';
import { messagesFor, type Locale, type Messages } from '@/lib/i18n/messages';
import { ActionMessage } from '../ui/ActionMessage';
import { useFormAction } from '../ui/useFormAction';

type Option = { id: string; label: string };

function OrgAndRole({ orgs, roles, m }: { orgs: Option[]; roles: Option[]; m: Messages }) {
  return (
    <>
      <label>
        {m.admin.organisation}
        <select name="orgId" required>
          {orgs.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
        </select>
      </label>
      <label>
        {m.admin.role}
        <select name="role" defaultValue="member" required>
          {roles.map((r) => <option key={r.id} value={r.id}>{r.label}</option>)}
        </select>
      </label>
    </>
  );
}


export function CreateUserForm({ orgs, roles, locale }: { orgs: Option[]; roles: Option[]; locale: Locale }) {
  const m = messagesFor(locale);
  const { state, pending, formProps } = useFormAction(createUserAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="card form" aria-labelledby="new-user">
      <h2 id="new-user">{m.admin.newUser}</h2>
      <label>{m.admin.name}<input name="name" required maxLength={200} /></label>
      <label>{m.admin.email}<input name="email" type="email" required /></label>
      <label>{m.admin.password}<input name="password" type="password" minLength={8} required autoComplete="new-password" /></label>
      <OrgAndRole orgs={orgs} roles={roles} m={m} />
      <button type="submit" className="primary" disabled={pending}>{m.admin.create}</button>
      <ActionMessage state={state} errors={m.errors} success={m.admin.userCreated} />
    </form>
  );
}

export function GrantRoleForm({ orgs, roles, locale }: { orgs: Option[]; roles: Option[]; locale: Locale }) {
  const m = messagesFor(locale);
  const { state, pending, formProps } = useFormAction(grantRoleAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="card form" aria-labelledby="invite">
      <h2 id="invite">{m.admin.invite}</h2>
      <label>{m.admin.inviteEmail}<input name="email" type="email" required /></label>
      <OrgAndRole orgs={orgs} roles={roles} m={m} />
      <button type="submit" className="primary" disabled={pending}>{m.admin.grant}</button>
      {state && !state.ok && state.code === 'NOT_FOUND' ? (
        <p className="msg error" role="alert">{m.admin.noSuchUser}</p>
      ) : (
        <ActionMessage state={state} errors={m.errors} success={m.admin.roleGranted} />
      )}
    </form>
  );
}

export function RevokeRoleButton(props: { userId: string; orgId: string; role: string; label: string; text: string; errors: Messages['errors'] }) {
  const [state, run, pending] = useActionState(revokeRoleAction, null);
  return (
    <form action={run}>
      <input type="hidden" name="userId" value={props.userId} />
      <input type="hidden" name="orgId" value={props.orgId} />
      <input type="hidden" name="role" value={props.role} />
      <button type="submit" aria-label={props.label} disabled={pending}>{props.text}</button>
      <ActionMessage state={state} errors={props.errors} />
    </form>
  );
}

export function ChangeRoleForm(props: { userId: string; orgId: string; role: string; name: string; roles: Option[]; locale: Locale }) {
  const m = messagesFor(props.locale);
  const { state, pending, formProps } = useFormAction(changeRoleAction);
  return (
    <form {...formProps} className="inline-form">
      <input type="hidden" name="userId" value={props.userId} />
      <input type="hidden" name="orgId" value={props.orgId} />
      <input type="hidden" name="role" value={props.role} />
      <select name="to" defaultValue={props.role} aria-label={`${m.admin.changeRoleOf} ${props.name}`}>
        {props.roles.map((r) => <option key={r.id} value={r.id}>{r.label}</option>)}
      </select>
      <button type="submit" disabled={pending}>{m.admin.change}</button>
      <ActionMessage state={state} errors={m.errors} success={m.admin.roleChanged} />
    </form>
  );
}

/** Organisations are created below one the admin manages: a municipality, then a school. */
export function CreateOrganisationForm({ parents, locale }: { parents: (Option & { kind: string })[]; locale: Locale }) {
  const m = messagesFor(locale);
  const { state, pending, formProps } = useFormAction(createOrganisationAction, { resetOnSuccess: true });
  return (
    <form {...formProps} className="card form" aria-labelledby="new-org">
      <h2 id="new-org">{m.admin.newOrg}</h2>
      <label>
        {m.admin.parent}
        <select name="parentId" required>
          {parents.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
        </select>
      </label>
      <label>
        {m.admin.orgKind}
        <select name="kind" defaultValue="organisation">
          <option value="municipality">{m.orgKinds.municipality}</option>
          <option value="organisation">{m.orgKinds.organisation}</option>
        </select>
      </label>
      <label>{m.admin.orgName}<input name="name" required maxLength={300} /></label>
      <label>{m.admin.orgSlug}<input name="slug" required pattern="[a-z0-9]+(-[a-z0-9]+)*" maxLength={80} /></label>
      <button type="submit" className="primary" disabled={pending}>{m.admin.createOrg}</button>
      <ActionMessage state={state} errors={m.errors} success={m.admin.orgCreated} />
    </form>
  );
}
