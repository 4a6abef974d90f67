'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { messagesFor, type Locale } from '@/lib/i18n/messages';
import type { ImportedRoadmap } from '@/lib/import/types';
import { RoadmapPreview } from './RoadmapPreview';
import { useImportUpload, type UploadError, type UploadPhase } from './useImportUpload';

type Props = { orgs: { id: string; name: string }[]; defaultOrgId: string; locale: Locale };

// The import as a user goes through it: choose (file or paste) → upload with progress →
// preview and correct → create the board. An error keeps the file and the pasted text.
export function ImportWizard({ orgs, defaultOrgId, locale }: Props) {
  const m = messagesFor(locale).importer;
  const router = useRouter();
  const { phase, send } = useImportUpload();
  const [file, setFile] = useState<File | null>(null);
  // A file chosen before the page came alive (the form is server-rendered) is taken up once it does.
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const chosen = fileInput.current?.files?.[0];
    if (chosen) setFile(chosen);
  }, []);
  const [text, setText] = useState('');
  const [error, setError] = useState<UploadError | null>(null);
  const [roadmap, setRoadmap] = useState<ImportedRoadmap | null>(null);
  const [orgId, setOrgId] = useState(defaultOrgId);
  const [creating, setCreating] = useState(false);
  const busy = phase.kind !== 'idle' || creating;

  async function parse(body: FormData) {
    setError(null);
    const res = await send(body, orgId);
    if ('error' in res) setError(res.error);
    else setRoadmap(res.roadmap);
  }
  function onFile(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!file) return;
    const body = new FormData();
    body.set('file', file, file.name);
    void parse(body);
  }
  function onPaste(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body = new FormData();
    body.set('text', text);
    void parse(body);
  }
  function onDrop(e: DragEvent<HTMLLabelElement>) {
    e.preventDefault();
    const dropped = e.dataTransfer.files[0];
    if (dropped) setFile(dropped);
  }
  async function create(edited: ImportedRoadmap) {
    setCreating(true);
    setError(null);
    try {
      const res = await fetch(`/api/boards/import?org=${encodeURIComponent(orgId)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ orgId, roadmap: edited, filename: file?.name ?? null }),
      });
      const json = (await res.json().catch(() => null)) as { id?: string; error?: { code: string; message?: string } } | null;
      if (res.status === 201 && json?.id) {
        router.push(`/boards/${json.id}`);
        return;
      }
      setError({ code: json?.error?.code ?? 'UNKNOWN', message: json?.error?.message ?? null });
    } catch {
      setError({ code: 'NETWORK', message: null });
    }
    setCreating(false);
  }

  const all = messagesFor(locale);
  const errorText = error && (m.errors[error.code] ?? all.errors[error.code as keyof typeof all.errors] ?? all.errors.UNKNOWN);
  return (
    <div className="importer">
      {error && (
        <div className="msg error" role="alert">
          <p>{errorText}</p>
          {error.message && error.message !== error.code && <p className="hint">{error.message}</p>}
        </div>
      )}
      <Progress phase={phase} creating={creating} locale={locale} />
      {roadmap ? (
        <RoadmapPreview
          initial={roadmap}
          orgs={orgs}
          orgId={orgId}
          onOrg={setOrgId}
          busy={busy}
          locale={locale}
          onCreate={create}
          onStartOver={() => {
            setRoadmap(null);
            setError(null);
          }}
        />
      ) : (
        <div className="import-choose">
          <form className="card form" onSubmit={onFile}>
            <label
              className={`dropzone${file ? ' has-file' : ''}`}
              onDragOver={(e) => e.preventDefault()}
              onDrop={onDrop}
            >
              <span>{m.file}</span>
              <span className="hint">{file ? `${m.chosen}: ${file.name} (${Math.ceil(file.size / 1024)} КБ)` : m.drop}</span>
              <input
                ref={fileInput}
                type="file"
                name="file"
                accept=".docx,.xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,text/plain"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </label>
            <button type="submit" className="primary" disabled={!file || busy}>{m.upload}</button>
          </form>
          <p className="import-or">{m.or}</p>
          <form className="card form" onSubmit={onPaste}>
            <label>
              {m.paste}
              <textarea name="text" rows={8} value={text} onChange={(e) => setText(e.target.value)} />
            </label>
            <button type="submit" disabled={text.trim() === '' || busy}>{m.parsePaste}</button>
          </form>
        </div>
      )}
    </div>
  );
}

function Progress({ phase, creating, locale }: { phase: UploadPhase; creating: boolean; locale: Locale }) {
  const m = messagesFor(locale).importer;
  if (creating) return <p className="notice" role="status" aria-live="polite"><progress aria-label={m.creating} /> {m.creating}</p>;
  if (phase.kind === 'parsing') return <p className="notice" role="status" aria-live="polite"><progress aria-label={m.parsing} /> {m.parsing}</p>;
  if (phase.kind !== 'uploading') return null;
  const pct = phase.total > 0 ? Math.round((phase.loaded / phase.total) * 100) : undefined;
  return (
    <p className="notice" role="status" aria-live="polite">
      <progress max={100} value={pct} aria-label={m.uploading} /> {m.uploading}
      {pct !== undefined ? `: ${pct}%` : '…'}
    </p>
  );
}
