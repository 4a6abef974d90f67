'use client';
import { signIn } from 'next-auth/react';
import { useEffect, useState, type FormEvent } from 'react';
import type { Messages } from '@/lib/i18n/messages';
import { safeLocalPath } from '@/lib/http/safe-path';

/** next-auth reports a wrong email or password as CredentialsSignin; throttling as THROTTLED. */
function messageFor(error: string | null, m: Messages['signIn']): string | null {
  if (!error) return null;
  if (error === 'CredentialsSignin') return m.wrong;
  if (error === 'THROTTLED') return m.throttled;
  return m.failed;
}

export function SignInForm(props: { m: Messages['signIn']; initialError: string | null; callbackUrl: string; hint: string | null }) {
  const { m, initialError, callbackUrl, hint } = props;
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  // Submitting needs the script (next-auth's CSRF token): the button waits for hydration,
  // and method="post" keeps a password out of the URL whatever happens.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        window.location.assign(safeLocalPath(callbackUrl));
        return;
      }
      setError(result?.error ?? 'Unknown');
    } catch {
      setError('Unknown');
    }
    setPending(false);
  }

  const message = messageFor(error, m);
  return (
    <form onSubmit={submit} method="post" className="card form">
      <label>
        {m.email}
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label>
        {m.password}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {message && (
        <p className="msg error" role="alert" data-testid="signin-error">
          {message}
        </p>
      )}
      <button type="submit" className="primary" disabled={pending || !hydrated}>
        {pending ? m.submitting : m.submit}
      </button>
      {hint && <p className="hint">{hint}</p>}
    </form>
  );
}
