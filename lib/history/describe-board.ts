import { obj, plural, Sentence, str, V, type Verb } from './sentence';
import { boardFieldLabel, cardFieldAcc, cardFieldLabel, formatBoardField, formatCardField, formatValue, NONE } from './values';

/*
 * The sentences of a board's events (lib/audit/projector.ts, db/queries/boards.ts, the
 * restore of lib/history/restore.ts): cards, their comments and checklists, columns (the
 * stages, «этапы»), the board itself.
 */

type Handler = (s: Sentence) => void;

/** The fields of a card shown when it is created, deleted or restored (its title is in the sentence). */
const SHOWN_FIELDS = ['number', 'deadline', 'responsible', 'result', 'status', 'description'];
const TEXT_FIELDS = new Set(['title', 'description']);

/** What a card held, as changes from or to nothing. */
function cardContents(s: Sentence, card: Record<string, unknown>, direction: 'added' | 'removed') {
  for (const field of SHOWN_FIELDS) {
    const v = card[field];
    if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    const label = cardFieldLabel(field, s.locale);
    if (TEXT_FIELDS.has(field)) s.text(label, direction === 'removed' ? v : '', direction === 'added' ? v : '');
    else {
      const text = formatCardField(field, v, s.locale, true);
      s.value(label, direction === 'removed' ? text : NONE, direction === 'added' ? text : NONE);
    }
  }
}

const KNOWN_FIELDS = new Set(['number', 'deadline', 'responsible', 'result', 'status', 'checklist', 'comments', 'pairId']);
const SET_VERBS: Record<string, Verb> = { deadline: V('установил'), responsible: V('назначил') };

const itemText = (v: unknown) => str(obj(v).text) ?? '';

function cardUpdated(s: Sentence) {
  const { field: given, before, after } = s.e.data;
  const field = given ?? '';
  const label = cardFieldLabel(field, s.locale);
  if (field === 'title') {
    const was = str(before);
    const is = str(after);
    if (was && is) {
      s.say(' ', s.ru ? s.v(V('переименовал')) : 'renamed', ' ', s.ref('card', s.e.cardId, s.q(was)), s.ru ? ' в ' : ' to ', s.ref('card', s.e.cardId, s.q(is)));
    } else s.say(' ', s.ru ? `${s.v(V('изменил'))} название ` : 'changed the title of ', s.card('gen', is ?? was));
    s.text(label, before, after);
    return;
  }
  if (field === 'description') {
    s.say(' ', s.ru ? `${s.v(V('изменил'))} описание ` : 'changed the description of ', s.card('gen'));
    s.text(label, before, after);
    return;
  }
  let was = formatCardField(field, before, s.locale);
  let is = formatCardField(field, after, s.locale);
  if (was === is) {
    // only the wording of a deadline changed, or a value that prints alike
    was = formatCardField(field, before, s.locale, true);
    is = formatCardField(field, after, s.locale, true);
  }
  if (!KNOWN_FIELDS.has(field)) {
    s.say(' ', s.ru ? `${s.v(V('изменил'))} поле «${field}» ` : `changed the field “${field}” of `, s.card('gen'));
  } else if (s.ru) {
    const verb = was === NONE ? (SET_VERBS[field] ?? V('указал')) : is === NONE ? V('очистил') : V('изменил');
    // «изменила срок «…»», but «изменила ответственных за «…»»
    const forCard = field === 'responsible';
    s.say(' ', `${s.v(verb)} ${cardFieldAcc(field, s.locale)}${forCard ? ' за' : ''} `, s.card(forCard ? 'acc' : 'gen'), is === NONE ? '' : s.arrow(was, is));
  } else {
    s.say(' ', `${was === NONE ? 'set' : is === NONE ? 'cleared' : 'changed'} the ${label} of `, s.card('gen'), is === NONE ? '' : s.arrow(was, is));
  }
  s.value(label, was, is);
}

function cardMoved(s: Sentence) {
  const from = obj(s.e.data.before).columnId;
  const to = obj(s.e.data.after).columnId;
  const fromCol = s.column(from);
  const toCol = s.column(to);
  if (from === to) {
    s.say(' ', s.ru ? s.v(V('переместил')) : 'reordered', ' ', s.card('acc'), toCol && (s.ru ? ' внутри ' : ' within '), toCol);
    return;
  }
  if (s.ru) s.say(' ', s.v(V('перенёс', 'перенесла')), ' ', s.card('acc'), fromCol && ' из ', fromCol, ' в ', toCol ?? 'другой этап');
  else s.say(' moved ', s.card('acc'), fromCol && ' from ', fromCol, ' to ', toCol ?? 'another stage');
  s.value(cardFieldLabel('columnId', s.locale), s.columnName(from) ?? NONE, s.columnName(to) ?? NONE);
}

function cardCreated(s: Sentence) {
  const card = s.after;
  const col = s.column(card.columnId);
  if (s.ru) s.say(' ', s.v(V('добавил')), ' карточку ', s.cardTitled(card.title), col && ' в ', col);
  else s.say(' added the card ', s.cardTitled(card.title), col && ' to ', col);
  cardContents(s, card, 'added');
}

function cardDeleted(s: Sentence) {
  const card = s.before;
  const col = s.column(card.columnId);
  if (s.ru) s.say(' ', s.v(V('удалил')), ' карточку ', s.cardTitled(card.title), col && ' из ', col);
  else s.say(' deleted the card ', s.cardTitled(card.title), col && ' from ', col);
  cardContents(s, card, 'removed');
}

function cardRestored(s: Sentence) {
  const card = s.after;
  const col = s.column(card.columnId);
  if (s.ru) s.say(' ', s.v(V('восстановил')), ' удалённую карточку ', s.cardTitled(card.title), col && ' в ', col);
  else s.say(' restored the deleted card ', s.cardTitled(card.title), col && ' in ', col);
  cardContents(s, card, 'added');
}

function fieldRestored(s: Sentence) {
  const field = s.e.data.field ?? str(s.after.field) ?? str(s.before.field) ?? '';
  const pick = (side: Record<string, unknown>, raw: unknown) => ('value' in side ? side.value : raw);
  const before = pick(s.before, s.e.data.before);
  const after = pick(s.after, s.e.data.after);
  const label = cardFieldLabel(field, s.locale);
  if (s.ru) s.say(' ', s.v(V('восстановил')), ` прежнее значение поля «${label}» в `, s.card('loc'));
  else s.say(` restored the earlier ${label} of `, s.card('gen'));
  if (TEXT_FIELDS.has(field)) s.text(label, before, after);
  else {
    const was = formatCardField(field, before, s.locale, true);
    const is = formatCardField(field, after, s.locale, true);
    s.say(s.arrow(was, is));
    s.value(label, was, is);
  }
}

const COMMENT = { ru: 'комментарий', en: 'comment' };
const ITEM = { ru: 'пункт чек-листа', en: 'checklist item' };

const BOARD: Record<string, Handler> = {
  'card.created': cardCreated,
  'card.deleted': cardDeleted,
  'card.moved': cardMoved,
  'card.updated': cardUpdated,
  'card.restored': cardRestored,
  'card.field_restored': fieldRestored,

  'comment.added': (s) => {
    const text = itemText(s.e.data.after);
    if (s.ru) s.say(' ', s.v(V('прокомментировал')), ' ', s.card('acc'), text && `: ${s.q(text)}`);
    else s.say(' commented on ', s.card('acc'), text && `: ${s.q(text)}`);
    s.text(COMMENT[s.locale], '', text);
  },
  'comment.edited': (s) => {
    s.say(' ', s.ru ? `${s.v(V('изменил'))} комментарий к ` : 'edited a comment on ', s.card('dat'));
    s.text(COMMENT[s.locale], itemText(s.e.data.before), itemText(s.e.data.after));
  },
  'comment.removed': (s) => {
    s.say(' ', s.ru ? `${s.v(V('удалил'))} комментарий к ` : 'removed a comment on ', s.card('dat'));
    s.text(COMMENT[s.locale], itemText(s.e.data.before), '');
  },

  'checklist.item_added': (s) => {
    const text = itemText(s.e.data.after);
    if (s.ru) s.say(' ', s.v(V('добавил')), ' в чек-лист ', s.card('gen'), ' пункт ', s.q(text));
    else s.say(' added the checklist item ', s.q(text), ' to ', s.card('acc'));
    s.value(ITEM[s.locale], NONE, text || NONE);
  },
  'checklist.item_edited': (s) => {
    s.say(' ', s.ru ? `${s.v(V('изменил'))} пункт чек-листа ` : 'edited a checklist item of ', s.card('gen'));
    s.text(ITEM[s.locale], itemText(s.e.data.before), itemText(s.e.data.after));
  },
  'checklist.item_checked': (s) => {
    const text = itemText(s.e.data.after);
    if (s.ru) s.say(' ', s.v(V('отметил')), ' выполненным пункт ', s.q(text), ' в ', s.card('loc'));
    else s.say(' ticked off ', s.q(text), ' in ', s.card('loc'));
  },
  'checklist.item_unchecked': (s) => {
    const text = itemText(s.e.data.after);
    if (s.ru) s.say(' ', s.v(V('снял')), ' отметку с пункта ', s.q(text), ' в ', s.card('loc'));
    else s.say(' unticked ', s.q(text), ' in ', s.card('loc'));
  },
  'checklist.item_removed': (s) => {
    const text = itemText(s.e.data.before);
    if (s.ru) s.say(' ', s.v(V('удалил')), ' из чек-листа ', s.card('gen'), ' пункт ', s.q(text));
    else s.say(' removed the checklist item ', s.q(text), ' from ', s.card('acc'));
    s.value(ITEM[s.locale], text || NONE, NONE);
  },

  'column.created': (s) => {
    const col = s.column(s.e.data.entityId, s.after.title);
    s.say(' ', s.ru ? `${s.v(V('добавил'))} этап` : 'added the stage', col && ' ', col);
  },
  'column.deleted': (s) => {
    const col = s.column(null, s.before.title) ?? s.column(s.e.data.entityId);
    s.say(' ', s.ru ? `${s.v(V('удалил'))} этап` : 'deleted the stage', col && ' ', col);
  },
  'column.moved': (s) => {
    const col = s.column(s.e.data.entityId);
    s.say(' ', s.ru ? `${s.v(V('переместил'))} этап` : 'moved the stage', col && ' ', col);
  },
  'column.renamed': (s) => {
    const was = str(s.e.data.before);
    const is = str(s.e.data.after);
    const id = s.e.data.entityId;
    if (was && is) s.say(' ', s.ru ? `${s.v(V('переименовал'))} этап ` : 'renamed the stage ', s.ref('column', id, s.q(was)), s.ru ? ' в ' : ' to ', s.ref('column', id, s.q(is)));
    else s.say(' ', s.ru ? `${s.v(V('переименовал'))} этап` : 'renamed a stage');
    s.value(cardFieldLabel('title', s.locale), was ?? NONE, is ?? NONE);
  },

  'board.created': (s) => {
    const board = s.board(s.e.boardId ?? s.e.data.entityId, s.after.title);
    const source = obj(s.after.source);
    if (source.kind === 'import') {
      const file = str(source.filename);
      const stages = typeof source.stages === 'number' ? source.stages : null;
      const activities = typeof source.activities === 'number' ? source.activities : null;
      if (s.ru) {
        s.say(' ', s.v(V('создал')), ' доску', board && ' ', board, ' импортом', file ? ` из файла ${s.q(file)}` : ' из документа');
        if (stages !== null && activities !== null) s.say(`: ${stages} ${plural(stages, ['этап', 'этапа', 'этапов'])}, ${activities} ${plural(activities, ['мероприятие', 'мероприятия', 'мероприятий'])}`);
      } else {
        s.say(' created the board', board && ' ', board, ' by importing', file ? ` the file ${s.q(file)}` : ' a document');
        if (stages !== null && activities !== null) s.say(`: ${stages} stage${stages === 1 ? '' : 's'}, ${activities} activit${activities === 1 ? 'y' : 'ies'}`);
      }
      return;
    }
    s.say(' ', s.ru ? `${s.v(V('создал'))} доску` : 'created the board', board && ' ', board);
  },
  'board.renamed': (s) => boardRenamed(s, s.before.title, s.after.title),
  'board.archived': (s) => s.say(' ', s.ru ? `${s.v(V('отправил'))} в архив доску` : 'archived the board', ...withSpace(s.board())),
  'board.unarchived': (s) => s.say(' ', s.ru ? `${s.v(V('вернул'))} из архива доску` : 'brought back from the archive the board', ...withSpace(s.board())),
  'board.updated': (s) => {
    // The projector keeps the field's name as the key of before/after; the API may lift it into data.field.
    const d = s.e.data;
    const field = d.field ?? (Object.keys(s.after)[0] || Object.keys(s.before)[0] || '');
    const unwrap = (v: unknown) => (d.field ? v : obj(v)[field]);
    const before = unwrap(d.before);
    const after = unwrap(d.after);
    if (field === 'title') return boardRenamed(s, before, after);
    const label = boardFieldLabel(field, s.locale);
    const was = formatBoardField(field, before, s.locale);
    const is = formatBoardField(field, after, s.locale);
    if (s.ru) s.say(' ', s.v(V('изменил')), ` ${label} доски`, ...withSpace(s.board()), s.arrow(was, is));
    else s.say(` changed the ${label} of the board`, ...withSpace(s.board()), s.arrow(was, is));
    s.value(label, was, is);
  },
};

function boardRenamed(s: Sentence, before: unknown, after: unknown) {
  const was = str(before);
  const is = str(after);
  const id = s.e.boardId ?? s.e.data.entityId;
  if (was && is) s.say(' ', s.ru ? `${s.v(V('переименовал'))} доску ` : 'renamed the board ', s.ref('board', id, s.q(was)), s.ru ? ' в ' : ' to ', s.ref('board', id, s.q(is)));
  else s.say(' ', s.ru ? `${s.v(V('переименовал'))} доску` : 'renamed the board', ...withSpace(s.board()));
  s.value(boardFieldLabel('title', s.locale), formatValue(was, s.locale), formatValue(is, s.locale));
}

const withSpace = <T>(part: T | null) => (part ? [' ', part] : []);

export const BOARD_HANDLERS = BOARD;
