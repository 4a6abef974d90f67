'use client';
import { useCallback, useState } from 'react';
import type { ImportedRoadmap } from '@/lib/import/types';

export type UploadPhase = { kind: 'idle' } | { kind: 'uploading'; loaded: number; total: number } | { kind: 'parsing' };
export type UploadError = { code: string; message: string | null };

/**
 * Sends a file or pasted text to POST /api/import for the organisation the board will be
 * made in (the server checks that right before it takes the upload). XMLHttpRequest rather
 * than fetch: only it reports upload progress, which a big Word file on a school's connection needs.
 */
export function useImportUpload() {
  const [phase, setPhase] = useState<UploadPhase>({ kind: 'idle' });

  const send = useCallback(
    (body: FormData, orgId: string) =>
      new Promise<{ roadmap: ImportedRoadmap } | { error: UploadError }>((resolve) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `/api/import?org=${encodeURIComponent(orgId)}`);
        xhr.responseType = 'json';
        xhr.upload.onprogress = (e) => setPhase({ kind: 'uploading', loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
        xhr.upload.onload = () => setPhase({ kind: 'parsing' });
        xhr.onload = () => {
          setPhase({ kind: 'idle' });
          const res = xhr.response as { roadmap?: ImportedRoadmap; error?: { code: string; message?: string } } | null;
          if (xhr.status === 200 && res?.roadmap) resolve({ roadmap: res.roadmap });
          else resolve({ error: { code: res?.error?.code ?? 'UNKNOWN', message: res?.error?.message ?? null } });
        };
        xhr.onerror = () => {
          setPhase({ kind: 'idle' });
          resolve({ error: { code: 'NETWORK', message: null } });
        };
        setPhase({ kind: 'uploading', loaded: 0, total: 0 });
        xhr.send(body);
      }),
    [],
  );
  return { phase, send };
}
