'use client';
import { useMemo, useState } from 'react';
import { parseDeadline } from '@/lib/deadlines';
import { indicatorYears } from '@/lib/export/common';
import { messagesFor, type Locale } from '@/lib/i18n/messages';
import { splitResponsible } from '@/lib/import/responsible';
import { activityCount, type ImportedActivity, type ImportedRoadmap, type ImportedStage } from '@/lib/import/types';

type Keyed<T> = T & { key: number };
type Stage = Keyed<Omit<ImportedStage, 'activities'>> & { activities: Keyed<ImportedActivity>[] };
type Props = {
  initial: ImportedRoadmap;
  orgs: { id: string; name: string }[];
  orgId: string;
  onOrg: (id: string) => void;
  busy: boolean;
  locale: Locale;
  onCreate: (r: ImportedRoadmap) => void;
  onStartOver: () => void;
};

let nextKey = 1;
const keyed = (stages: ImportedStage[]): Stage[] =>
  stages.map((s) => ({ ...s, key: nextKey++, activities: s.activities.map((a) => ({ ...a, key: nextKey++ })) }));
const unkeyed = (stages: Stage[]): ImportedStage[] =>
  stages.map(({ key: _k, activities, ...s }) => ({ ...s, activities: activities.map(({ key: _a, ...a }) => a) }));

const unread = (a: ImportedActivity) => a.deadline.text.trim() !== '' && a.deadline.start === null && a.deadline.end === null && a.deadline.recurrence === 'once';

/** Both ends of the period are years (the deadlines are read against it only then). */
const yearsGiven = (p: { from: string; to: string }) => /^\d{4}$/.test(p.from) && /^\d{4}$/.test(p.to);
/** A period the board may take: two years, in order. */
const isYearRange = (p: { from: string; to: string }) => yearsGiven(p) && p.from <= p.to;

/**
 * The preview of an import, editable before the board is made. Fields commit on blur (a
 * plan has hundreds of rows: typing must not re-render them all); a changed deadline is
 * read again at once, against the period as it now stands.
 */
export function RoadmapPreview({ initial, orgs, orgId, onOrg, busy, locale, onCreate, onStartOver }: Props) {
  const m = messagesFor(locale).importer;
  const [title, setTitle] = useState(initial.title);
  const [period, setPeriod] = useState(initial.period ?? { from: '', to: '' });
  const [stages, setStages] = useState<Stage[]>(() => keyed(initial.stages));
  const activities = activityCount({ stages });
  const ctx = useMemo(() => (yearsGiven(period) ? { period } : {}), [period]);

  // A corrected period moves every deadline read against it («ноябрь», «постоянно», …).
  function changePeriod(next: { from: string; to: string }) {
    setPeriod(next);
    if (!isYearRange(next)) return;
    setStages((all) =>
      all.map((s) => ({ ...s, activities: s.activities.map((a) => ({ ...a, deadline: parseDeadline(a.deadline.text, { period: next }).deadline })) })),
    );
  }

  const patchStage = (key: number, patch: Partial<Stage>) => setStages((all) => all.map((s) => (s.key === key ? { ...s, ...patch } : s)));
  const patchActivity = (stageKey: number, key: number, patch: Partial<ImportedActivity>) =>
    setStages((all) => all.map((s) => (s.key !== stageKey ? s : { ...s, activities: s.activities.map((a) => (a.key === key ? { ...a, ...patch } : a)) })));

  function submit() {
    const validPeriod = isYearRange(period) ? period : null;
    const kept = unkeyed(stages).filter((s) => s.title.trim() !== '');
    onCreate({ ...initial, title: title.trim() || initial.title, period: validPeriod, stages: kept });
  }

  return (
    <form
      className="import-preview"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h2>{m.preview}</h2>
      <p className="hint">{m.previewHint}</p>
      <p data-testid="import-counts">{m.counts(stages.length, activities, initial.indicators.length)}</p>
      <div className="form grid card">
        <label>
          {m.boardTitle}
          <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} />
        </label>
        <label>
          {m.org}
          <select value={orgId} onChange={(e) => onOrg(e.target.value)}>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>{o.name}</option>
            ))}
          </select>
        </label>
        <label>
          {m.periodFrom}
          <input inputMode="numeric" pattern="\d{4}" value={period.from} onChange={(e) => changePeriod({ ...period, from: e.target.value.trim() })} />
        </label>
        <label>
          {m.periodTo}
          <input inputMode="numeric" pattern="\d{4}" value={period.to} onChange={(e) => changePeriod({ ...period, to: e.target.value.trim() })} />
        </label>
      </div>
      {initial.warnings.length > 0 && (
        <section className="import-warnings" aria-labelledby="import-warnings-h">
          <h3 id="import-warnings-h">{m.warnings} ({initial.warnings.length})</h3>
          <ul>
            {initial.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </section>
      )}
      {stages.map((stage, si) => (
        <fieldset key={stage.key} className="import-stage card" data-testid="import-stage">
          <legend>
            {m.stage} {stage.number ?? si + 1}
          </legend>
          <div className="import-stage-head">
            <label className="grow">
              <span className="sr-only">{m.stageTitle}</span>
              <input defaultValue={stage.title} aria-label={m.stageTitle} onBlur={(e) => patchStage(stage.key, { title: e.target.value })} />
            </label>
            <button type="button" onClick={() => setStages((all) => all.filter((s) => s.key !== stage.key))}>{m.removeStage}</button>
          </div>
          <table className="import-activities">
            <thead>
              <tr>
                <th scope="col">{m.number}</th>
                <th scope="col">{m.activity}</th>
                <th scope="col">{m.deadline}</th>
                <th scope="col">{m.responsible}</th>
                <th scope="col">{m.result}</th>
                <th scope="col"><span className="sr-only">{m.removeActivity}</span></th>
              </tr>
            </thead>
            <tbody>
              {stage.activities.map((a) => (
                <tr key={a.key} className={unread(a) ? 'unread' : a.warnings?.length ? 'guessed' : undefined} data-testid="import-activity">
                  <td>
                    <input className="num" defaultValue={a.number ?? ''} aria-label={m.number} onBlur={(e) => patchActivity(stage.key, a.key, { number: e.target.value.trim() || null })} />
                  </td>
                  <td>
                    <textarea defaultValue={a.title} aria-label={m.activity} rows={2} onBlur={(e) => patchActivity(stage.key, a.key, { title: e.target.value })} />
                    {a.warnings && a.warnings.length > 0 && (
                      <ul className="row-warnings" aria-label={m.warnings} data-testid="import-row-warnings">
                        {a.warnings.map((w, i) => (
                          <li key={i}>⚠ {w}</li>
                        ))}
                      </ul>
                    )}
                    {a.details.length > 0 && (
                      <details>
                        <summary>{m.details} ({a.details.length})</summary>
                        <ul>
                          {a.details.map((d, i) => (
                            <li key={i}>{d}</li>
                          ))}
                        </ul>
                      </details>
                    )}
                  </td>
                  <td>
                    <input
                      defaultValue={a.deadline.text}
                      aria-label={m.deadline}
                      onBlur={(e) => {
                        if (e.target.value === a.deadline.text) return;
                        patchActivity(stage.key, a.key, { deadline: parseDeadline(e.target.value, ctx).deadline });
                      }}
                    />
                    <DeadlineRead a={a} locale={locale} />
                  </td>
                  <td>
                    <input
                      defaultValue={a.responsible.join('; ')}
                      aria-label={m.responsible}
                      onBlur={(e) => patchActivity(stage.key, a.key, { responsible: e.target.value.split(';').flatMap((part) => splitResponsible(part)) })}
                    />
                  </td>
                  <td>
                    <input defaultValue={a.result ?? ''} aria-label={m.result} onBlur={(e) => patchActivity(stage.key, a.key, { result: e.target.value.trim() || null })} />
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={`${m.removeActivity}: ${a.title}`}
                      onClick={() => setStages((all) => all.map((s) => (s.key !== stage.key ? s : { ...s, activities: s.activities.filter((x) => x.key !== a.key) })))}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
      ))}
      {initial.indicators.length > 0 && <Indicators r={initial} locale={locale} />}
      <div className="import-actions">
        <button type="submit" className="primary" disabled={busy || stages.length === 0}>{m.create}</button>
        <button type="button" onClick={onStartOver} disabled={busy}>{m.startOver}</button>
      </div>
    </form>
  );
}

function DeadlineRead({ a, locale }: { a: ImportedActivity; locale: Locale }) {
  const m = messagesFor(locale).importer;
  if (a.deadline.text.trim() === '') return null;
  if (unread(a)) return <span className="deadline-read unread">⚠ {m.unparsed}</span>;
  const fmt = (d: string) => d.split('-').reverse().join('.');
  const parts = [a.deadline.start && `${m.from} ${fmt(a.deadline.start)}`, a.deadline.end && `${m.to} ${fmt(a.deadline.end)}`].filter(Boolean);
  return (
    <span className="deadline-read">
      {m.parsed}: {parts.join(' ')}
      {parts.length ? ', ' : ''}
      {m.recurrences[a.deadline.recurrence]}
    </span>
  );
}

function Indicators({ r, locale }: { r: ImportedRoadmap; locale: Locale }) {
  const m = messagesFor(locale).importer;
  const years = indicatorYears(r.indicators);
  return (
    <section className="card">
      <h3>{m.indicators}</h3>
      <table className="import-indicators">
        <thead>
          <tr>
            <th scope="col">{m.indicator}</th>
            <th scope="col">{m.unit}</th>
            {years.map((y) => (
              <th key={y} scope="col">{y}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {r.indicators.map((ind, i) => (
            <tr key={i}>
              <td>{ind.title}</td>
              <td>{ind.unit ?? ''}</td>
              {years.map((y) => (
                <td key={y}>{ind.targets[y] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
