import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT_DIR } from '../../server/root';

// React's own encoder of server action arguments, as the browser uses it.
const { encodeReply } = createRequire(import.meta.url)('next/dist/compiled/react-server-dom-webpack/client.node.js') as {
  encodeReply(args: unknown[]): Promise<string | FormData>;
};

/** A server action's id in the current production build, by its file and exported name. */
export function actionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(ROOT_DIR, '.next', 'server', 'server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const found = Object.entries(manifest.node).find(([, a]) => a.filename === filename && a.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} in ${filename}: is the build current?`);
  return found[0];
}

export type ActionResult = { ok: true } | { ok: false; code: string; fields?: string[] };

/**
 * Calls a `(prevState, formData)` server action over HTTP exactly as a form on `page` would,
 * and returns the state it answered.
 */
export async function callAction(
  base: string,
  page: string,
  action: { file: string; name: string },
  cookie: string | null,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; result: ActionResult | null }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const body = await encodeReply([null, form]);
  const res = await fetch(`${base}${page}`, {
    method: 'POST',
    headers: { accept: 'text/x-component', 'next-action': actionId(action.file, action.name), origin: base, ...(cookie ? { cookie } : {}), ...headers },
    body,
  });
  const text = await res.text();
  // The flight stream: row 0 points at row 1, which holds the returned state.
  const row = text.split('\n').find((line) => line.startsWith('1:'));
  return { status: res.status, result: row ? (JSON.parse(row.slice(2)) as ActionResult) : null };
}
