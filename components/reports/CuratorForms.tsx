'use client';
import { useId, useState } from 'react';
import {
  addIndicatorAction,
  removeIndicatorAction,
  setConclusionsAction,
  setContingentAction,
  setIndicatorActualAction,
  setIndicatorLinksAction,
  setRoundAction,
  setSatisfactionAction,
} from '@/app/actions/reports';
import { messagesFor, type Locale } from '@/lib/i18n/messages';
import { FIGURE_KEYS, type Contingent, type IndicatorLine, type ReportIndicator, type Round, type SatisfactionSetting } from '@/lib/reports/types';
import { useFormAction } from '../ui/useFormAction';
import { FormStatus } from './FormStatus';

// The curator's forms on the report page: what the figures are computed from. Each posts to a
// server action (app/actions/reports.ts) and keeps what was typed when it is refused.

type Base = { orgId: string; round: string; locale: Locale };

function Hidden({ orgId, round }: { orgId: string; round: string }) {
  return (
    <>
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="round" value={round} />
    </>
  );
}

const str = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function ContingentForm({ orgId, round, locale, contingent, offered }: Base & { contingent: Contingent | null; offered: Contingent | null }) {
  const m = messagesFor(locale);
  const r = m.reports;
  const { state, pending, formProps } = useFormAction(setContingentAction);
  const [values, setValues] = useState({
    students: str(contingent?.students),
    studentsBand: contingent?.studentsBand ?? '',
    teachers: str(contingent?.teachers),
    youngSpecialists: str(contingent?.youngSpecialists),
  });
  const field = (name: keyof typeof values) => ({ name, value: values[name], onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [name]: e.target.value })) });
  const id = useId();
  const offeredText = offered
    ? [
        offered.students !== null ? `${r.students.toLowerCase()}: ${offered.students}${offered.studentsBand ? ` (${offered.studentsBand})` : ''}` : null,
        offered.teachers !== null ? `${r.teachers.toLowerCase()}: ${offered.teachers}` : null,
        offered.youngSpecialists !== null ? `${r.youngSpecialists.toLowerCase()}: ${offered.youngSpecialists}` : null,
      ]
        .filter(Boolean)
        .join('; ')
    : '';
  return (
    <form {...formProps} className="form report-form" aria-labelledby={`${id}-h`} data-testid="contingent-form">
      <h3 id={`${id}-h`}>{r.contingent}</h3>
      <p className="hint">{r.contingentHint}</p>
      <Hidden orgId={orgId} round={round} />
      {offered && (
        <p className="offered">
          <span className="hint">{r.lastRound(offeredText)}</span>{' '}
          <button
            type="button"
            className="small"
            onClick={() =>
              setValues({ students: str(offered.students), studentsBand: offered.studentsBand ?? '', teachers: str(offered.teachers), youngSpecialists: str(offered.youngSpecialists) })
            }
          >
            {r.fromLastRound}
          </button>
        </p>
      )}
      <div className="form-grid">
        <label>
          {r.students}
          <input type="number" inputMode="numeric" min={0} step={1} {...field('students')} />
        </label>
        <label>
          {r.studentsBand}
          <input maxLength={100} {...field('studentsBand')} />
        </label>
        <label>
          {r.teachers}
          <input type="number" inputMode="numeric" min={0} step={1} {...field('teachers')} />
        </label>
        <label>
          {r.youngSpecialists}
          <input type="number" inputMode="numeric" min={0} step={1} {...field('youngSpecialists')} />
        </label>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={pending}>
          {r.save}
        </button>
      </div>
      <FormStatus state={state} pending={pending} m={m} />
    </form>
  );
}

export function RoundForm({ orgId, locale, round, below }: { orgId: string; locale: Locale; round: Round; below: boolean }) {
  const m = messagesFor(locale);
  const r = m.reports;
  const { state, pending, formProps } = useFormAction(setRoundAction);
  const id = useId();
  return (
    <form {...formProps} className="form report-form" aria-labelledby={`${id}-h`} data-testid="round-form">
      <h3 id={`${id}-h`}>
        {r.roundDates} {round.key}
      </h3>
      <Hidden orgId={orgId} round={round.key} />
      <div className="inline-fields form">
        <label>
          {r.roundFrom}
          <input type="date" name="from" defaultValue={round.from} required />
        </label>
        <label>
          {r.roundTo}
          <input type="date" name="to" defaultValue={round.to} required />
        </label>
      </div>
      {below && (
        <label className="check">
          <input type="checkbox" name="forBelow" aria-describedby={`${id}-below`} /> {r.forBelow}
          <span className="hint" id={`${id}-below`}>
            {' '}
            — {r.forBelowHint}
          </span>
        </label>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={pending}>
          {r.save}
        </button>
      </div>
      <FormStatus state={state} pending={pending} m={m} />
    </form>
  );
}

export type EditableIndicator = IndicatorLine;

export function LinksForm({ orgId, round, locale, indicators }: Base & { indicators: EditableIndicator[] }) {
  const m = messagesFor(locale);
  const r = m.reports;
  const { state, pending, formProps } = useFormAction(setIndicatorLinksAction);
  const id = useId();
  if (indicators.length === 0) return null;
  return (
    <form {...formProps} className="form report-form" aria-labelledby={`${id}-h`} aria-describedby={`${id}-d`} data-testid="links-form">
      <h3 id={`${id}-h`}>{r.links}</h3>
      <p className="hint" id={`${id}-d`}>
        {r.linksHint}
      </p>
      <Hidden orgId={orgId} round={round} />
      {indicators.map((line) => (
        <div key={line.key} className="link-row">
          <input type="hidden" name="key" value={line.key} />
          <input type="hidden" name={`was:${line.key}`} value={line.link ?? ''} />
          <label>
            {line.title}
            <select name={`link:${line.key}`} defaultValue={line.link ?? ''}>
              <option value="">{r.linkNone}</option>
              {FIGURE_KEYS.map((k) => (
                <option key={k} value={k}>
                  {r.figures[k] ?? k}
                </option>
              ))}
              <option value="manual">{r.linkManual}</option>
            </select>
          </label>
          {line.guessed ? <span className="badge warn">{r.guessed}</span> : null}
        </div>
      ))}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={pending}>
          {r.saveLinks}
        </button>
      </div>
      <FormStatus state={state} pending={pending} m={m} />
    </form>
  );
}

export function ActualForm({ orgId, round, locale, line }: Base & { line: IndicatorLine }) {
  const m = messagesFor(locale);
  const r = m.reports;
  const { state, pending, formProps } = useFormAction(setIndicatorActualAction);
  return (
    <form {...formProps} className="form inline-fields report-form" data-testid={`actual-${line.key}`}>
      <Hidden orgId={orgId} round={round} />
      <input type="hidden" name="key" value={line.key} />
      <label>
        {r.actualValue(line.title)}
        {line.unit ? ` (${line.unit})` : ''}
        <input type="number" step="any" name="value" defaultValue={str(line.actual)} />
      </label>
      <label>
        {r.actualNote(line.title)}
        <input name="note" maxLength={500} defaultValue={line.note ?? ''} />
      </label>
      <button type="submit" disabled={pending}>
        {r.save}
      </button>
      <FormStatus state={state} pending={pending} m={m} />
    </form>
  );
}

export function AddIndicatorForm({ orgId, round, locale }: Base) {
  const m = messagesFor(locale);
  const r = m.reports;
  const { state, pending, formProps } = useFormAction(addIndicatorAction, { resetOnSuccess: true });
  const id = useId();
  const year = Number(round.slice(0, 4)) || new Date().getFullYear();
  const years = [year, year + 1, year + 2, year + 3].map(String);
  return (
    <details className="add-entry">
      <summary>{r.addIndicator}</summary>
      <form {...formProps} className="form report-form" aria-label={r.addIndicator} data-testid="add-indicator-form">
        <Hidden orgId={orgId} round={round} />
        <div className="form-grid">
          <label className="wide">
            {r.indicatorTitle}
            <input name="title" required maxLength={300} />
          </label>
          <label>
            {r.unit}
            <input name="unit" maxLength={20} placeholder="%" />
          </label>
          {years.map((y) => (
            <label key={y}>
              {r.targetFor(y)}
              <input type="number" step="any" name={`target:${y}`} id={`${id}-${y}`} />
            </label>
          ))}
        </div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={pending}>
            {r.add}
          </button>
        </div>
        <FormStatus state={state} pending={pending} m={m} />
      </form>
    </details>
  );
}

export function RemoveIndicatorButton({ orgId, round, locale, line }: Base & { line: IndicatorLine }) {
  const m = messagesFor(locale);
  const r = m.reports;
  const { state, pending, formProps } = useFormAction(removeIndicatorAction);
  return (
    <form {...formProps} className="inline">
      <Hidden orgId={orgId} round={round} />
      <input type="hidden" name="key" value={line.key} />
      <button type="submit" className="small danger" disabled={pending} aria-label={r.remove(line.title)}>
        {r.removeShort}
      </button>
      <FormStatus state={state} pending={pending} m={m} />
    </form>
  );
}

export function SatisfactionForm({ orgId, round, locale, setting }: Base & { setting: SatisfactionSetting }) {
  const m = messagesFor(locale);
  const r = m.reports;
  const { state, pending, formProps } = useFormAction(setSatisfactionAction);
  const [formula, setFormula] = useState(setting.formula);
  const [threshold, setThreshold] = useState(String(setting.threshold));
  const t = Number(threshold) || setting.threshold;
  const id = useId();
  return (
    <form {...formProps} className="form report-form" aria-labelledby={`${id}-h`} data-testid="satisfaction-form">
      <h3 id={`${id}-h`}>{r.satisfaction}</h3>
      <Hidden orgId={orgId} round={round} />
      <fieldset className="radios">
        <legend className="sr-only">{r.satisfaction}</legend>
        <label>
          <input type="radio" name="formula" value="mean" checked={formula === 'mean'} onChange={() => setFormula('mean')} /> {r.formulaMean}
          <span className="hint"> — {r.formulaMeanText}</span>
        </label>
        <label>
          <input type="radio" name="formula" value="share" checked={formula === 'share'} onChange={() => setFormula('share')} /> {r.formulaShare(t)}
          <span className="hint"> — {r.formulaShareText(t)}</span>
        </label>
      </fieldset>
      {formula === 'share' ? (
        <label className="narrow-field">
          {r.threshold}
          <input type="number" name="threshold" min={1} max={10} step={1} value={threshold} onChange={(e) => setThreshold(e.target.value)} />
        </label>
      ) : (
        <input type="hidden" name="threshold" value={threshold} />
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={pending}>
          {r.save}
        </button>
      </div>
      <FormStatus state={state} pending={pending} m={m} />
    </form>
  );
}

export function ConclusionsForm({ orgId, round, locale, text }: Base & { text: string }) {
  const m = messagesFor(locale);
  const r = m.reports;
  const { state, pending, formProps } = useFormAction(setConclusionsAction);
  const id = useId();
  return (
    <form {...formProps} className="form report-form" data-testid="conclusions-form">
      <Hidden orgId={orgId} round={round} />
      <label>
        {r.conclusions}
        <textarea name="conclusions" rows={6} maxLength={20000} defaultValue={text} aria-describedby={`${id}-d`} />
      </label>
      <p className="hint" id={`${id}-d`}>
        {r.conclusionsHint}
      </p>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={pending}>
          {r.save}
        </button>
      </div>
      <FormStatus state={state} pending={pending} m={m} />
    </form>
  );
}
