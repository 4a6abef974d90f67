import { messagesFor, type Locale } from '@/lib/i18n/messages';

/** «История: доска на [дата и время] [Показать]»: a GET form, so it works before the page comes alive and from the keyboard. */
export function AsOfPicker({ boardId, value, locale }: { boardId: string; value: string; locale: Locale }) {
  const h = messagesFor(locale).history;
  return (
    <form method="get" action={`/boards/${boardId}/as-of`} className="as-of-picker" data-testid="as-of-picker">
      <label>
        {h.asOfControl}{' '}
        <input type="datetime-local" name="at" defaultValue={value} required />
      </label>{' '}
      <button type="submit">{h.asOfShow}</button>
    </form>
  );
}
