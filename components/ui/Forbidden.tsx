import type { ReactNode } from 'react';
import type { Messages } from '@/lib/i18n/messages';

/** «Нет доступа»: the page a signed-in user gets where its roles do not reach, with why (default: the generic refusal). */
export function Forbidden({ m, testId, children }: { m: Messages; testId?: string; children?: ReactNode }) {
  return (
    <section className="page narrow" data-testid={testId}>
      <h1>{m.forbidden.title}</h1>
      {children ?? <p>{m.errors.FORBIDDEN}</p>}
    </section>
  );
}
