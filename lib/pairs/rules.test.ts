import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../people/rules';
import { MeetingInputSchema, PairInputSchema, parsePairsInput, problemError } from './input';
import {
  capacityLeft,
  capacityProblem,
  daysBetween,
  endProblem,
  isProblem,
  isStalled,
  meetingProblem,
  nextStage,
  pairingProblem,
  pairTitle,
  planMeeting,
  planStageChange,
  ratingProblem,
  stageIndex,
  STALL_GRACE_DAYS,
  type MeetingPlan,
} from './rules';
import { MEETING_KINDS, PAIR_STAGES, type MeetingKind, type PairStage } from './types';

const day = (n: number) => addDays('2020-01-01', n);
const kindArb = fc.constantFrom(...MEETING_KINDS);
const stageArb = fc.constantFrom(...PAIR_STAGES);
const heldArb = fc.subarray([...MEETING_KINDS]);

describe('stages and meetings', () => {
  it('the stages run intro → trial → planning → regular → final → done', () => {
    expect(PAIR_STAGES.map((s) => nextStage(s))).toEqual(['trial', 'planning', 'regular', 'final', 'done', null]);
    expect(stageIndex('intro')).toBe(0);
    expect(stageIndex('done')).toBe(5);
  });

  it('a meeting of the current stage stays (whatever was held), of a later one moves there, of an earlier one is refused', () => {
    fc.assert(
      fc.property(stageArb, kindArb, heldArb, (stage, kind, held) => {
        const plan = planMeeting(stage, kind, held);
        if (stage === 'done') { expect(plan).toEqual({ code: 'PAIR_NOT_ACTIVE' }); return; }
        const from = stageIndex(stage);
        const to = stageIndex(kind);
        if (to < from) { expect(plan).toMatchObject({ code: 'MEETING_STAGE_PASSED' }); return; }
        expect(isProblem(plan)).toBe(false);
        const p = plan as MeetingPlan;
        expect(p.move).toBe(to > from);
        expect(p.to).toBe(kind);
        expect(p.skipped).toEqual(PAIR_STAGES.slice(from + 1, to));
      }),
    );
  });

  it('regular meetings repeat; the next column is no skip; past a column is one', () => {
    expect(planMeeting('regular', 'regular', ['intro', 'trial', 'planning', 'regular', 'regular'])).toEqual({ move: false, to: 'regular', skipped: [] });
    expect(planMeeting('intro', 'trial', [])).toEqual({ move: true, to: 'trial', skipped: [] });
    expect(planMeeting('intro', 'planning', [])).toEqual({ move: true, to: 'planning', skipped: ['trial'] });
    expect(planMeeting('planning', 'final', ['planning'])).toEqual({ move: true, to: 'final', skipped: ['regular'] });
    expect(planMeeting('trial', 'trial', ['intro', 'trial'])).toEqual({ move: false, to: 'trial', skipped: [] }); // two recorders of one trial meeting each keep theirs
  });

  it('any run of meetings only moves forward, and skips only with a reason', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ kind: kindArb, reason: fc.boolean() }), { maxLength: 30 }), (steps) => {
        let stage: PairStage = 'intro';
        const held: MeetingKind[] = [];
        for (const { kind, reason } of steps) {
          const plan = planMeeting(stage, kind, held);
          if (isProblem(plan)) continue;
          const problem = meetingProblem({ kind, heldOn: day(10), reason: reason ? 'причина' : null }, { today: day(10), startedOn: day(0), plan });
          if (problem) {
            expect(problem.code).toBe('REASON_REQUIRED');
            expect(plan.skipped.length).toBeGreaterThan(0);
            continue;
          }
          expect(stageIndex(plan.to)).toBeGreaterThanOrEqual(stageIndex(stage));
          stage = plan.to;
          held.push(kind);
        }
        expect(stage).not.toBe('done');
      }),
    );
  });

  it('a stage change without a meeting needs a reason either way; done only by ending; the same stage is no change', () => {
    fc.assert(
      fc.property(stageArb, stageArb, fc.option(fc.string({ maxLength: 5 })), (stage, to, reason) => {
        const r = planStageChange(stage, to, reason);
        if (stage === 'done') { expect(r).toEqual({ code: 'PAIR_NOT_ACTIVE' }); return; }
        if (to === 'done') { expect(r).toEqual({ code: 'UNPROCESSABLE', field: 'stage' }); return; }
        if (to === stage) { expect(r).toBeNull(); return; }
        if (!reason?.trim()) { expect(r).toEqual({ code: 'REASON_REQUIRED', field: 'reason' }); return; }
        expect(r).toEqual({ backwards: stageIndex(to) < stageIndex(stage) });
      }),
    );
  });
});

describe('a meeting’s facts', () => {
  const plan: MeetingPlan = { move: true, to: 'trial', skipped: [] };
  const ctx = { today: '2026-11-29', startedOn: '2026-10-01', plan };

  it('the date: not after today (Moscow), not before the pair was formed', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 400 }), (n) => {
        const heldOn = addDays(ctx.today, n);
        const p = meetingProblem({ kind: 'trial', heldOn }, ctx);
        if (heldOn > ctx.today) expect(p).toEqual({ code: 'MEETING_IN_FUTURE', field: 'heldOn' });
        else if (heldOn < ctx.startedOn) expect(p).toEqual({ code: 'MEETING_BEFORE_START', field: 'heldOn' });
        else expect(p).toBeNull();
      }),
    );
    expect(meetingProblem({ kind: 'trial', heldOn: ctx.startedOn }, ctx)).toBeNull();
    expect(meetingProblem({ kind: 'trial', heldOn: ctx.today }, ctx)).toBeNull();
  });

  it('a rating is a whole number 1–10', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -20, max: 30 }), fc.double({ noNaN: true, min: -20, max: 30 })), (rating) => {
        const ok = Number.isInteger(rating) && rating >= 1 && rating <= 10;
        expect(ratingProblem(rating)).toEqual(ok ? null : { code: 'RATING_OUT_OF_RANGE', field: 'rating' });
      }),
    );
    expect(ratingProblem(null)).toBeNull();
    expect(ratingProblem(null, true)).toMatchObject({ code: 'RATING_OUT_OF_RANGE' });
    expect(meetingProblem({ kind: 'trial', heldOn: ctx.today, rating: 11 }, ctx)).toMatchObject({ code: 'RATING_OUT_OF_RANGE' });
  });

  it('goals are set at planning and marked at the final meeting; a skip needs a reason', () => {
    expect(meetingProblem({ kind: 'trial', heldOn: ctx.today, goals: [{ text: 'x' }] }, ctx)).toEqual({ code: 'UNPROCESSABLE', field: 'goals' });
    expect(meetingProblem({ kind: 'planning', heldOn: ctx.today, goals: [{ text: 'x' }] }, { ...ctx, plan: { move: true, to: 'planning', skipped: [] } })).toBeNull();
    expect(meetingProblem({ kind: 'regular', heldOn: ctx.today, goalsReached: [{}] }, ctx)).toEqual({ code: 'UNPROCESSABLE', field: 'goalsReached' });
    const skip = { ...ctx, plan: { move: true, to: 'planning' as const, skipped: ['trial' as const] } };
    expect(meetingProblem({ kind: 'planning', heldOn: ctx.today }, skip)).toEqual({ code: 'REASON_REQUIRED', field: 'reason' });
    expect(meetingProblem({ kind: 'planning', heldOn: ctx.today, reason: '  ' }, skip)).toEqual({ code: 'REASON_REQUIRED', field: 'reason' });
    expect(meetingProblem({ kind: 'planning', heldOn: ctx.today, reason: 'болел' }, skip)).toBeNull();
  });

  it('the input shape: texts ≤ 4000, goals ≤ 20 of ≤ 300; refusals name the fields in Russian', () => {
    const base = { kind: 'regular', heldOn: '2026-11-01' };
    expect(parsePairsInput(MeetingInputSchema, base)).toMatchObject({ format: 'in_person', summary: null, rating: null, goals: [], goalsReached: [] });
    expect(parsePairsInput(MeetingInputSchema, { ...base, summary: 'x'.repeat(4000), rating: 11 })).toMatchObject({ rating: 11 });
    const refusal = (input: unknown) => {
      try {
        parsePairsInput(MeetingInputSchema, input);
      } catch (err) {
        return err as { code: string; message: string; details: { fields: string[]; fieldErrors: Record<string, string> } };
      }
      throw new Error('accepted');
    };
    const long = refusal({ ...base, summary: 'x'.repeat(4001) });
    expect(long).toMatchObject({ code: 'UNPROCESSABLE', details: { fields: ['summary'] } });
    expect(long.message).toContain('4000 знаков');
    expect(refusal({ ...base, goals: Array.from({ length: 21 }, () => ({ text: 'цель' })) }).details.fields).toEqual(['goals']);
    expect(refusal({ ...base, goals: [{ text: 'x'.repeat(301) }] }).details.fieldErrors).toEqual({ 'goals.0.text': expect.stringContaining('300') });
    expect(refusal({ ...base, heldOn: '29.11.2026' }).details.fields).toEqual(['heldOn']);
    expect(refusal({ ...base, kind: 'done' }).details.fields).toEqual(['kind']);
    expect(refusal({ ...base, rating: 'семь' }).details.fields).toEqual(['rating']);
  });

  it('a pair’s input: one to 30 distinct mentees, never the mentor', () => {
    const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    expect(parsePairsInput(PairInputSchema, { mentorId: id(1), menteeIds: [id(2)], form: 'учитель – учитель' })).toMatchObject({ rhythmDays: 14, roleModel: null });
    for (const bad of [
      { mentorId: id(1), menteeIds: [], form: 'ф' },
      { mentorId: id(1), menteeIds: [id(2), id(2)], form: 'ф' },
      { mentorId: id(1), menteeIds: [id(1)], form: 'ф' },
      { mentorId: id(1), menteeIds: Array.from({ length: 31 }, (_, i) => id(i + 2)), form: 'ф' },
    ]) {
      expect(() => parsePairsInput(PairInputSchema, bad)).toThrow(expect.objectContaining({ code: 'UNPROCESSABLE', details: expect.objectContaining({ fields: ['menteeIds'] }) }));
    }
    expect(() => parsePairsInput(PairInputSchema, { mentorId: id(1), menteeIds: [id(2)], form: ' ' })).toThrow(expect.objectContaining({ code: 'UNPROCESSABLE' }));
  });

  it('a rule’s refusal carries its Russian message', () => {
    expect(problemError({ code: 'MEETING_IN_FUTURE', field: 'heldOn' })).toMatchObject({ code: 'MEETING_IN_FUTURE', status: 422, message: 'Дата встречи не может быть в будущем.', details: { fields: ['heldOn'] } });
    expect(problemError({ code: 'UNPROCESSABLE', field: 'endedOn' }).message).toMatch(/^Дата завершения/);
  });
});

describe('stalled pairs, titles, capacity, consent, ending', () => {
  it('stalled: active, and more than rhythm + grace days since the last meeting (or the start)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.option(fc.integer({ min: 0, max: 200 })), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 0, max: 400 }), (start, last, rhythm, now) => {
        const pair = { status: 'active' as const, startedOn: day(start), rhythmDays: rhythm };
        const lastOn = last === null ? null : day(last);
        const since = Math.max(start, last ?? start);
        expect(isStalled(pair, lastOn, day(now))).toBe(now - since > rhythm + STALL_GRACE_DAYS);
        expect(isStalled({ ...pair, status: 'completed' }, lastOn, day(now))).toBe(false);
        // later is never less stalled
        if (isStalled(pair, lastOn, day(now))) expect(isStalled(pair, lastOn, day(now + 1))).toBe(true);
      }),
    );
    expect(isStalled({ status: 'active', startedOn: '2026-11-01', rhythmDays: 14 }, null, '2026-11-18')).toBe(false); // 17 days
    expect(isStalled({ status: 'active', startedOn: '2026-11-01', rhythmDays: 14 }, null, '2026-11-19')).toBe(true); // 18 days
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysBetween('2028-02-27', '2028-03-01')).toBe(3);
  });

  it('titles: «Пара № N» for one mentee, «Группа № N» for two and more', () => {
    expect(pairTitle(7, 1)).toBe('Пара № 7');
    expect(pairTitle(12, 2)).toBe('Группа № 12');
    expect(pairTitle(3, 5)).toBe('Группа № 3');
  });

  it('capacity: the mentor’s capacity (none given: one) less the mentees in its active pairs', () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 1, max: 30 })), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 30 }), (cap, used, adding) => {
        const left = capacityLeft(cap, used);
        expect(left).toBe(Math.max(0, (cap ?? 1) - used));
        expect(capacityProblem(cap, used, adding)).toEqual(used + adding <= (cap ?? 1) ? null : { code: 'MENTOR_OVER_CAPACITY', field: 'mentorId' });
      }),
    );
  });

  it('nobody erased, stopped or without a consent in force is paired', () => {
    expect(pairingProblem({ erased: false, processingStopped: false, consentValid: true })).toBeNull();
    expect(pairingProblem({ erased: true, processingStopped: true, consentValid: false })).toEqual({ code: 'PERSON_ERASED' });
    expect(pairingProblem({ erased: false, processingStopped: true, consentValid: true })).toEqual({ code: 'PROCESSING_STOPPED' });
    expect(pairingProblem({ erased: false, processingStopped: false, consentValid: false })).toEqual({ code: 'PAIR_CONSENT_REQUIRED' });
  });

  it('ending: completed needs the final meeting, terminated a reason; the date within the pair’s life', () => {
    const ctx = { status: 'active' as const, today: '2026-11-29', startedOn: '2026-09-01', finalHeld: false, lastMeetingOn: '2026-11-20' };
    expect(endProblem({ outcome: 'completed', endedOn: '2026-11-29' }, ctx)).toEqual({ code: 'FINAL_MEETING_REQUIRED' });
    expect(endProblem({ outcome: 'completed', endedOn: '2026-11-29' }, { ...ctx, finalHeld: true })).toBeNull();
    expect(endProblem({ outcome: 'terminated', endedOn: '2026-11-29', reason: ' ' }, ctx)).toEqual({ code: 'REASON_REQUIRED', field: 'reason' });
    expect(endProblem({ outcome: 'terminated', endedOn: '2026-11-29', reason: 'переезд' }, ctx)).toBeNull();
    expect(endProblem({ outcome: 'terminated', endedOn: '2026-11-30', reason: 'x' }, ctx)).toEqual({ code: 'UNPROCESSABLE', field: 'endedOn' });
    expect(endProblem({ outcome: 'terminated', endedOn: '2026-11-19', reason: 'x' }, ctx)).toEqual({ code: 'UNPROCESSABLE', field: 'endedOn' });
    expect(endProblem({ outcome: 'terminated', endedOn: '2026-11-29', reason: 'x' }, { ...ctx, status: 'completed' })).toEqual({ code: 'PAIR_NOT_ACTIVE' });
  });
});
