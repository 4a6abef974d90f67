'use client';
import { useActionState, useRef } from 'react';
import { createUserAction, grantRoleAction, revokeRoleAction } from '@/app/actions/admin';
import type { ActionState } from '@/app/actions/result';
import type { Messages } from '@/lib/i18n/messages';
import { ActionMessage } from '../ui/ActionMessage';

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

/** A server action whose form resets on success and keeps what was typed on failure. */
function useResettingAction(action: (prev: ActionState, form: FormData) => Promise<ActionState>) {
  const ref = useRef<HTMLFormElement>(null);
  const [state, run, pending] = useActionState(async (prev: ActionState, form: FormData) => {
    const next = await action(prev, form);
    if (next?.ok) ref.current?.reset();
    return next;
  }, null);
  return { ref, state, run, pending };
}

export function CreateUserForm({ orgs, roles, m }: { orgs: Option[]; roles: Option[]; m: Messages }) {
  const { ref, state, run, pending } = useResettingAction(createUserAction);
  return (
    <form ref={ref} action={run} className="card form" aria-labelledby="new-user">
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

export function GrantRoleForm({ orgs, roles, m }: { orgs: Option[]; roles: Option[]; m: Messages }) {
  const { ref, state, run, pending } = useResettingAction(grantRoleAction);
  return (
    <form ref={ref} action={run} className="card form" aria-labelledby="invite">
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
