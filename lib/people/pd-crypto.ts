import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/*
 * Personal values in audit rows, sealed with the person's own key (crypto-shredding).
 *
 * The audit trail is append-only and hash-chained: a row can never be rewritten, so a name
 * written into it in clear could never be erased. Instead a row stores `{"$pd": "v1.<iv>.<ct>"}`
 * (AES-256-GCM with the person's key, the person's id bound as associated data) where the
 * value would be. The hash covers the ciphertext. Erasure deletes the key: the chain still
 * verifies, and nobody, the database's owner included, can read the value again.
 */

export type Sealed = { $pd: string };
export const PD_KEY_BYTES = 32;

export const newPersonKey = (): Uint8Array => new Uint8Array(randomBytes(PD_KEY_BYTES));

export function isSealed(v: unknown): v is Sealed {
  return typeof v === 'object' && v !== null && typeof (v as Sealed).$pd === 'string' && Object.keys(v).length === 1;
}

export function seal(key: Uint8Array, personId: string, value: unknown): Sealed {
  if (key.byteLength !== PD_KEY_BYTES) throw new Error('a person key is 32 bytes');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(personId));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value ?? null), 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { $pd: `v1.${iv.toString('base64')}.${ct.toString('base64')}` };
}

/** The sealed value, or `undefined` when it cannot be opened (wrong key, or not ours). */
export function unseal(key: Uint8Array, personId: string, sealed: Sealed): unknown {
  const [v, ivB64, ctB64] = sealed.$pd.split('.');
  if (v !== 'v1' || !ivB64 || !ctB64) return undefined;
  try {
    const ct = Buffer.from(ctB64, 'base64');
    if (ct.byteLength < 16) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(ivB64, 'base64'));
    decipher.setAAD(Buffer.from(personId));
    decipher.setAuthTag(ct.subarray(ct.byteLength - 16));
    const plain = Buffer.concat([decipher.update(ct.subarray(0, ct.byteLength - 16)), decipher.final()]);
    return JSON.parse(plain.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Marker put where a sealed value stood once its key is gone (or the reader may not see it). */
export const HIDDEN = { $pd: 'hidden' } as const;
export const ERASED = { $pd: 'erased' } as const;

/**
 * An audit value with its sealed parts opened for a reader: `keyOf(personId)` gives the key
 * when the reader may see that person's data and the key still exists, `null` when erased,
 * `undefined` when the reader may not see it.
 */
export function openSealed(value: unknown, personId: string | null, keyOf: (personId: string) => Uint8Array | null | undefined): unknown {
  if (isSealed(value)) {
    if (!personId) return HIDDEN;
    const key = keyOf(personId);
    if (key === undefined) return HIDDEN;
    if (key === null) return ERASED;
    const opened = unseal(key, personId, value);
    return opened === undefined ? ERASED : opened;
  }
  if (Array.isArray(value)) return value.map((v) => openSealed(v, personId, keyOf));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, openSealed(v, personId, keyOf)]));
  }
  return value;
}
