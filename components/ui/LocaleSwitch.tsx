import { setLocaleAction } from '@/app/actions/locale';
import type { Locale } from '@/lib/i18n/messages';

export function LocaleSwitch({ current, label }: { current: Locale; label: string }) {
  return (
    <form action={setLocaleAction} className="locale-switch" aria-label={label}>
      {(['ru', 'en'] as const).map((l) => (
        <button key={l} name="locale" value={l} type="submit" aria-pressed={l === current} className={l === current ? 'active' : ''}>
          {l === 'ru' ? 'RU' : 'EN'}
        </button>
      ))}
    </form>
  );
}
