import 'server-only';
import { tooLargeError } from '@/lib/import/types';

/**
 * The request body, refused as soon as it passes `max` bytes: a 50 MB upload is stopped
 * at the limit instead of being buffered whole first. Read it only once the request is
 * authorised: until then nobody can make the server take in anything.
 */
export async function readCappedBody(req: Request, max: number, tooLarge: () => Error = () => tooLargeError(max)): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > max) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
