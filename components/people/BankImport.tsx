'use client';
import Link from 'next/link';
import { useCallback, useId, useState, type FormEvent, type ReactNode } from 'react';
import { messagesFor, type Locale } from '@/lib/i18n/messages';
import type { BankImportResult, ImportRowError } from '@/db/queries/people-import';

type Bank = 'mentor' | 'mentee';
type Props = { orgId: string; defaultBank: Bank; locale: Locale };
type Phase = { kind: 'idle' } | { kind: 'uploading'; loaded: number; total: number } | { kind: 'working'; confirm: boolean };
type Failure = { code: string; message: string | null; errors?: ImportRowError[] };
type Answer = { ok: true; result: BankImportResult } | { ok: false; error: Failure };

const ruDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('.') : '—');

/**
 * Sends the chosen file to POST /api/orgs/<id>/people/import (check, then confirm), with
 * upload progress (XMLHttpRequest: fetch does not report it).
 */
function useBankUpload(orgId: string) {
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const send = useCallback(
    (file: File, q: { bank: Bank; confirm: boolean; consentDate: string }) =>
      new Promise<Answer>((resolve) => {
        const params = new URLSearchParams({ bank: q.bank, confirm: q.confirm ? '1' : '0', filename: file.name });
        if (q.consentDate) params.set('consentDate', q.consentDate);
        const body = new FormData();
        body.set('file', file, file.name);
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `/api/orgs/${encodeURIComponent(orgId)}/people/import?${params}`);
        xhr.responseType = 'json';
        xhr.upload.onprogress = (e) => setPhase({ kind: 'uploading', loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
        xhr.upload.onload = () => setPhase({ kind: 'working', confirm: q.confirm });
        xhr.onload = () => {
          setPhase({ kind: 'idle' });
          const res = xhr.response as (BankImportResult & { error?: undefined }) | { error?: { code: string; message?: string; errors?: ImportRowError[] } } | null;
          if ((xhr.status === 200 || xhr.status === 201) && res && !res.error) resolve({ ok: true, result: res as BankImportResult });
          else {
            const e = res?.error;
            resolve({ ok: false, error: { code: e?.code ?? 'UNKNOWN', message: e?.message ?? null, errors: e?.errors } });
          }
        };
        xhr.onerror = () => {
          setPhase({ kind: 'idle' });
          resolve({ ok: false, error: { code: 'NETWORK', message: null } });
        };
        setPhase({ kind: 'uploading', loaded: 0, total: 0 });
        xhr.send(body);
      }),
    [orgId],
  );
  return { phase, send };
}

// The bank import as a curator goes through it: choose the bank and the file → «Проверить»
// (the preview: columns, rows to create, errors by row) → «Загрузить N участников» when the
// file has no errors → a link back to the bank. Nothing is saved before the confirm.
export function BankImport({ orgId, defaultBank, locale }: Props) {
  const all = messagesFor(locale);
  const m = all.bankImport;
  const ids = useId();
  const { phase, send } = useBankUpload(orgId);
  const [bank, setBank] = useState<Bank>(defaultBank);
  const [file, setFile] = useState<File | null>(null);
  const [consentDate, setConsentDate] = useState('');
  const [preview, setPreview] = useState<BankImportResult | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [done, setDone] = useState<BankImportResult | null>(null);
  const busy = phase.kind !== 'idle';

  const reset = () => {
    setPreview(null);
    setFailure(null);
    setDone(null);
  };

  async function check(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!file) return;
    reset();
    const res = await send(file, { bank, confirm: false, consentDate });
    if (res.ok) setPreview(res.result);
    else setFailure(res.error);
  }

  async function confirm() {
    if (!file || !preview) return;
    setFailure(null);
    const res = await send(file, { bank, confirm: true, consentDate });
    if (res.ok) {
      setDone(res.result);
      setPreview(null);
    } else {
      setFailure(res.error);
      // The file changed its mind since the check (or the date did): show the rows the server named.
      if (res.error.errors) setPreview({ ...preview, errors: res.error.errors });
    }
  }

  const blocking = preview?.errors.filter((e) => !e.warning) ?? [];
  const warnings = preview?.errors.filter((e) => e.warning) ?? [];
  const brokenRows = new Set(blocking.map((e) => e.row)).size;
  const needsDate = !!preview && preview.undatedConsents > 0;
  const mayConfirm = !!preview && blocking.length === 0 && preview.rows.length > 0 && (!needsDate || !!consentDate) && !busy;
  const failureText = failure && (failure.code === 'BANK_FILE_INVALID' ? null : ((all.errors as Record<string, string>)[failure.code] ?? all.errors.UNKNOWN));

  return (
    <div className="bank-import">
      <form className="card form" onSubmit={check}>
        <fieldset disabled={busy} className="radios">
          <legend>{m.bank}</legend>
          {(['mentor', 'mentee'] as const).map((b) => (
            <label key={b}>
              <input
                type="radio"
                name="bank"
                value={b}
                checked={bank === b}
                onChange={() => {
                  setBank(b);
                  reset();
                }}
              />{' '}
              {m.banks[b]}
            </label>
          ))}
        </fieldset>
        <label htmlFor={`${ids}-file`}>{m.file}</label>
        <input
          id={`${ids}-file`}
          type="file"
          name="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          disabled={busy}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            reset();
          }}
        />
        {file && <p className="hint">{`${m.chosen}: ${file.name} (${Math.ceil(file.size / 1024)} КБ)`}</p>}
        <button type="submit" className={preview ? undefined : 'primary'} disabled={!file || busy}>
          {m.check}
        </button>
      </form>

      <Progress phase={phase} locale={locale} />

      {failure && (
        <div className="msg error" role="alert">
          {failureText && <p>{failureText}</p>}
          {failure.message && failure.message !== failure.code && <p className="hint">{failure.message}</p>}
          {failure.code === 'BANK_FILE_INVALID' && <p>{m.fixAndRetry}</p>}
        </div>
      )}

      {done && (
        <div className="msg ok" role="status">
          <p>{done.rows.length > 0 ? m.done(done.rows.length) : m.nothingNew}</p>
          <p>
            <Link href={`/orgs/${orgId}/people?bank=${bank}`}>{m.openBank}</Link>
          </p>
        </div>
      )}

      {preview && (
        <div className="bank-import-preview">
          <p className="notice">
            {m.totals(preview.total, preview.rows.length, brokenRows, warnings.length)}
            <br />
            <span className="hint">{m.sheet(preview.sheet, preview.headerRow)}</span>
          </p>

          <h2>{m.columns}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{m.header}</th>
                <th scope="col">{m.field}</th>
              </tr>
            </thead>
            <tbody>
              {preview.columns
                .filter((c) => c.field)
                .map((c) => (
                  <tr key={c.column}>
                    <td>{c.header}</td>
                    <td>{m.fields[c.field!] ?? c.field}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          {preview.columns.some((c) => !c.field) && (
            <p className="hint">
              {m.unrecognised}: {preview.columns.filter((c) => !c.field).map((c) => `«${c.header}»`).join(', ')}
            </p>
          )}

          {preview.errors.length > 0 && (
            <>
              <h2>{m.errors}</h2>
              <ul className="bank-import-errors">
                {preview.errors.map((e, i) => (
                  <li key={`${e.row}-${i}`} className={e.warning ? 'hint' : undefined}>
                    {m.rowError(e.row, e.column ? `${e.column}: ${e.message}` : e.message)}
                    {e.warning && ` (${m.warning})`}
                  </li>
                ))}
              </ul>
            </>
          )}

          {preview.rows.length > 0 && (
            <>
              <h2>
                {m.toCreate} ({preview.rows.length})
              </h2>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{m.row}</th>
                    <th scope="col">{m.name}</th>
                    <th scope="col">{m.birthDate}</th>
                    <th scope="col">{m.minor}</th>
                    <th scope="col">{m.consent}</th>
                    <th scope="col">{m.status}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((r) => (
                    <tr key={r.row}>
                      <td>{r.row}</td>
                      <td>{r.fullName}</td>
                      <td>{ruDate(r.birthDate)}</td>
                      <td>{r.minor === null ? '—' : r.minor ? m.yes : m.no}</td>
                      <td>
                        {r.consent
                          ? `${m.consentBy[r.consent.signer]}${r.consent.signer === 'guardian' ? ` (${r.consent.signerName})` : ''}, ${
                              r.consent.dateFromCurator ? (consentDate ? ruDate(consentDate) : m.dateFromCurator) : ruDate(r.consent.signedOn)
                            }`
                          : m.noConsent}
                      </td>
                      <td>{m.statuses[r.status] ?? r.status}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}

          {blocking.length > 0 ? (
            <p className="msg error" role="alert">
              {m.fixAndRetry}
            </p>
          ) : preview.rows.length === 0 ? (
            <p className="notice">{m.nothingNew}</p>
          ) : (
            <div className="card form">
              {needsDate && (
                <>
                  <label htmlFor={`${ids}-date`}>{m.consentDate}</label>
                  <input
                    id={`${ids}-date`}
                    type="date"
                    value={consentDate}
                    required
                    aria-describedby={`${ids}-date-hint`}
                    onChange={(e) => setConsentDate(e.target.value)}
                  />
                  <p className="hint" id={`${ids}-date-hint`}>
                    {m.consentDateHint(preview.undatedConsents)}
                  </p>
                </>
              )}
              <button type="button" className="primary" disabled={!mayConfirm} onClick={() => void confirm()}>
                {m.confirm(preview.rows.length)}
              </button>
              {needsDate && !consentDate && <p className="hint">{m.consentDateNeeded}</p>}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function Progress({ phase, locale }: { phase: Phase; locale: Locale }) {
  const m = messagesFor(locale).bankImport;
  let body: ReactNode = null;
  if (phase.kind === 'working') {
    const label = phase.confirm ? m.saving : m.parsing;
    body = (
      <>
        <progress aria-label={label} /> {label}…
      </>
    );
  } else if (phase.kind === 'uploading') {
    const pct = phase.total > 0 ? Math.round((phase.loaded / phase.total) * 100) : undefined;
    body = (
      <>
        <progress max={100} value={pct} aria-label={m.uploading} /> {m.uploading}
        {pct !== undefined ? `: ${pct}%` : '…'}
      </>
    );
  }
  // The live region stays in the page, so that screen readers announce its changes.
  return (
    <p className={body ? 'notice' : undefined} role="status" aria-live="polite">
      {body}
    </p>
  );
}
