import 'server-only';
import { cookies, headers } from 'next/headers';
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, messagesFor, type Locale } from '@/lib/i18n/messages';

/** The locale: the user's choice (cookie), else Accept-Language if it prefers English, else Russian. */
export async function currentLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;
  const accept = (await headers()).get('accept-language') ?? '';
  return /^\s*en\b/i.test(accept) ? 'en' : DEFAULT_LOCALE;
}

export async function currentMessages() {
  return messagesFor(await currentLocale());
}
