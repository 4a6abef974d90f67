'use client';
import { createBoardAction } from '@/app/actions/boards';
import { messagesFor, type Locale } from '@/lib/i18n/messages';
import { ActionMessage } from '../ui/ActionMessage';
import { useFormAction } from '../ui/useFormAction';

export function CreateBoardForm({ orgId, locale }: { orgId: string; locale: Locale }) {
  const m = messagesFor(locale);
  const { state, pending, formProps } = useFormAction(createBoardAction, { resetOnSuccess: true });
  const year = new Date().getFullYear();
  return (
    <details className="new-board">
      <summary>{m.home.newBoard}</summary>
      <form {...formProps} className="form grid">
        <input type="hidden" name="orgId" value={orgId} />
        <label>
          {m.home.boardTitle}
          <input name="title" required maxLength={300} />
        </label>
        <label>
          {m.home.kind}
          <select name="kind" defaultValue="roadmap">
            <option value="roadmap">{m.kinds.roadmap}</option>
            <option value="pairs">{m.kinds.pairs}</option>
          </select>
        </label>
        <label>
          {m.home.periodFrom}
          <input name="periodFrom" type="number" min={2000} max={2100} defaultValue={year} />
        </label>
        <label>
          {m.home.periodTo}
          <input name="periodTo" type="number" min={2000} max={2100} defaultValue={year + 1} />
        </label>
        <button type="submit" className="primary" disabled={pending}>{m.home.create}</button>
        <ActionMessage state={state} errors={m.errors} success={m.home.created} />
      </form>
    </details>
  );
}
