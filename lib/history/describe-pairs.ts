import { pairLabels } from '../pairs/labels';
import { surveyTemplate } from '../surveys/templates';
import { obj, plural, Sentence, str, V } from './sentence';
import { formatValue, NONE, stageName } from './values';

/*
 * The sentences of pairs, meetings and surveys (db/queries/pairs.ts, surveys.ts, and the pairs
 * board's moves, lib/board/pair-cards.ts). A pair is named by its card's title («Пара № 3»,
 * «Группа № 3»: the card's id is the pair's). Free texts (summaries, reasons) are not in the
 * audit in clear, only their lengths — except a pairs board move's reason, which is.
 */

type Handler = (s: Sentence) => void;

const STAGE = { ru: 'этап', en: 'stage' };

const pairOf = (s: Sentence, nameCase: 'acc' | 'gen') => s.pair(s.e.data.entityId, nameCase);

const PAIRS: Record<string, Handler> = {
  'pair.created': (s) => {
    const a = s.after;
    const mentees = Array.isArray(a.menteeIds) ? a.menteeIds.filter((x): x is string => typeof x === 'string') : [];
    const number = typeof a.number === 'number' || typeof a.number === 'string' ? a.number : null;
    const title = number !== null ? pairLabels('ru').pairTitle(number, mentees.length) : undefined;
    const pair = s.pair(s.e.data.entityId, 'acc', title);
    s.say(' ', s.ru ? s.v(V('сформировал')) : 'formed', ' ', pair);
    const form = str(a.form);
    if (form) s.value(s.ru ? 'форма' : 'form', NONE, form);
    if (typeof a.mentorId === 'string') s.value(s.ru ? 'наставник' : 'mentor', NONE, s.person(a.mentorId, 'nom').text);
    if (mentees.length) {
      const known = mentees.every((id) => typeof s.names.people[id] === 'string');
      const list = known ? mentees.map((id) => s.person(id, 'nom').text).join(', ') : String(mentees.length);
      s.value(s.ru ? 'наставляемые' : 'mentees', NONE, list);
    }
    if (str(a.startedOn)) s.value(s.ru ? 'дата начала' : 'started on', NONE, formatValue(a.startedOn, s.locale));
  },
  'pair.stage_changed': (s) => {
    const was = stageName(s.before.stage, s.locale);
    const is = stageName(s.after.stage, s.locale);
    if (s.ru) s.say(' ', s.v(V('перевёл', 'перевела')), ' ', pairOf(s, 'acc'), ` с этапа ${s.q(was)} на этап ${s.q(is)}`);
    else s.say(' moved ', pairOf(s, 'acc'), ` from the stage ${s.q(was)} to ${s.q(is)}`);
    s.value(STAGE[s.locale], was, is);
    const reason = str(s.after.reason);
    if (reason) s.value(s.ru ? 'причина' : 'reason', NONE, reason);
  },
  'pair.stage_set': (s) => {
    const was = stageName(s.before.stage, s.locale);
    const is = stageName(s.after.stage, s.locale);
    const back = s.after.backwards === true;
    if (s.ru) s.say(' ', s.v(back ? V('вернул') : V('перевёл', 'перевела')), ' ', pairOf(s, 'acc'), ` на этап ${s.q(is)}`);
    else s.say(' moved ', pairOf(s, 'acc'), back ? ' back' : '', ` to the stage ${s.q(is)}`);
    s.value(STAGE[s.locale], was, is);
  },
  'pair.ended': (s) => {
    const terminated = s.after.status === 'terminated';
    if (s.ru) s.say(' ', terminated ? `досрочно ${s.v(V('прекратил'))}` : s.v(V('завершил')), ' ', pairOf(s, 'acc'));
    else s.say(terminated ? ' terminated ' : ' completed ', pairOf(s, 'acc'), terminated && ' early');
    const status = (v: unknown) => (typeof v === 'string' ? (pairLabels(s.locale).statuses[v as 'active'] ?? v) : NONE);
    s.value(s.ru ? 'статус' : 'status', status(s.before.status), status(s.after.status));
    if (str(s.after.endedOn)) s.value(s.ru ? 'дата завершения' : 'ended on', NONE, formatValue(s.after.endedOn, s.locale));
  },
  'pair.goals_set': (s) => {
    const n = Array.isArray(s.after.goals) ? s.after.goals.length : null;
    if (s.ru) s.say(' ', s.v(V('задал')), ' цели плана ', pairOf(s, 'gen'), n === null ? '' : ` (${n} ${plural(n, ['цель', 'цели', 'целей'])})`);
    else s.say(' set the plan goals of ', pairOf(s, 'gen'), n === null ? '' : ` (${n} goal${n === 1 ? '' : 's'})`);
  },
  'pair.goals_marked': (s) => {
    const goals = Array.isArray(s.after.goals) ? s.after.goals : [];
    const reached = goals.filter((g) => obj(g).reached === true).length;
    if (s.ru) s.say(' ', s.v(V('отметил')), ' достижение целей ', pairOf(s, 'gen'), goals.length ? `: ${reached} из ${goals.length}` : '');
    else s.say(' assessed the goals of ', pairOf(s, 'gen'), goals.length ? `: ${reached} of ${goals.length} reached` : '');
  },
  'pair.order_set': (s) => {
    const order = (v: unknown) => {
      const o = obj(v);
      if (!str(o.number)) return NONE;
      return s.ru ? `№ ${o.number}${str(o.date) ? ` от ${formatValue(o.date, s.locale)}` : ''}` : `No. ${o.number}${str(o.date) ? ` of ${formatValue(o.date, s.locale)}` : ''}`;
    };
    const is = order(s.e.data.after);
    if (s.ru) s.say(' ', s.v(V('указал')), ' приказ о закреплении ', pairOf(s, 'gen'), is === NONE ? '' : `: ${is}`);
    else s.say(' recorded the order assigning ', pairOf(s, 'acc'), is === NONE ? '' : `: ${is}`);
    s.value(s.ru ? 'приказ' : 'order', order(s.e.data.before), is);
  },
  'meeting.recorded': (s) => {
    const a = s.after;
    const kind = typeof a.kind === 'string' ? (pairLabels(s.locale).kinds[a.kind as 'intro'] ?? a.kind) : null;
    const pair = s.pair(a.pairId, 'gen');
    const on = str(a.heldOn) ? formatValue(a.heldOn, s.locale) : null;
    if (s.ru) s.say(' ', s.v(V('записал')), ' встречу', kind && ` ${s.q(kind)}`, ' ', pair, on && ` от ${on}`);
    else s.say(' recorded the meeting', kind && ` ${s.q(kind)}`, ' of ', pair, on && ` held on ${on}`);
    if (typeof a.format === 'string') s.value(s.ru ? 'формат' : 'format', NONE, pairLabels(s.locale).formats[a.format as 'remote'] ?? a.format);
    if (typeof a.rating === 'number') s.value(s.ru ? 'оценка наставника' : 'mentor’s rating', NONE, `${a.rating} / 10`);
    const stage = obj(a.stage);
    if (stage.before !== undefined && stage.before !== stage.after) s.value(STAGE[s.locale], stageName(stage.before, s.locale), stageName(stage.after, s.locale));
  },
  'meeting.rated': (s) => {
    const rating = typeof s.after.rating === 'number' ? s.after.rating : null;
    if (s.ru) s.say(' ', s.v(V('оценил')), ' встречу ', s.pair(s.after.pairId, 'gen'), rating === null ? '' : `: ${rating} из 10`);
    else s.say(' rated a meeting of ', s.pair(s.after.pairId, 'gen'), rating === null ? '' : `: ${rating} out of 10`);
    const before = typeof s.before.rating === 'number' ? String(s.before.rating) : NONE;
    s.value(s.ru ? 'оценка' : 'rating', before, rating === null ? NONE : String(rating));
  },
  'survey.answered': (s) => {
    const a = s.after;
    const template = typeof a.template === 'string' ? surveyTemplate(a.template) : null;
    const title = template ? template.title[s.locale] : str(a.template);
    const who = s.person(a.personId, 'gen');
    if (a.source === 'paper') {
      if (s.ru) s.say(' ', s.v(V('внёс', 'внесла')), ' ответы бумажной анкеты', title && ` ${s.q(title)}`, ' ', who);
      else s.say(' entered the paper answers of ', who, ' to the questionnaire', title && ` ${s.q(title)}`);
    } else if (s.ru) s.say(' ', s.v(V('заполнил')), ' анкету', title && ` ${s.q(title)}`);
    else s.say(' answered the questionnaire', title && ` ${s.q(title)}`);
    if (typeof a.answered === 'number') s.value(s.ru ? 'ответов' : 'answers', NONE, String(a.answered));
  },
};

export const PAIRS_HANDLERS = PAIRS;
