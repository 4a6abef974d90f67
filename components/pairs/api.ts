'use client';
import type { Messages } from '@/lib/i18n/messages';

/**
 * A JSON call to the pairs API from a client component. A refusal comes back as
 * `{error: {code, message, fields?}}` with a Russian message, which the UI shows as it is;
 * a dropped connection or a server fault gets the UI's own words, never a raw text.
 */
export type ApiResult<T> = { ok: true; data: T; status: number } | { ok: false; status: number; code: string; message: string; fields?: string[] };

export async function api<T>(url: string, m: Messages['pairs'], init?: { method?: string; body?: unknown; signal?: AbortSignal }): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init?.method ?? 'GET',
      headers: init?.body !== undefined ? { 'content-type': 'application/json' } : undefined,
      body: init?.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: init?.signal,
      cache: 'no-store',
    });
  } catch (err) {
    if ((err as { name?: string })?.name === 'AbortError') throw err;
    return { ok: false, status: 0, code: 'NETWORK', message: m.network };
  }
  const text = await res.text().catch(() => '');
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (res.ok) return { ok: true, data: body as T, status: res.status };
  const error = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown } } | undefined)?.error;
  const code = typeof error?.code === 'string' ? error.code : 'UNKNOWN';
  // A refusal's message is Russian and is shown as it is; a bare code's or a server fault's text
  // ('forbidden', 'internal error') is not for people: the UI's own words for the code instead.
  const said = typeof error?.message === 'string' ? error.message : '';
  const message = res.status < 500 && /[а-яё]/i.test(said) ? said : (m.codes[code] ?? m.unknownError);
  const fields = Array.isArray(error?.fields) ? error.fields.filter((f): f is string => typeof f === 'string') : undefined;
  return { ok: false, status: res.status, code, message, fields };
}
