import type { Locale } from '../i18n/messages';
import { pairLabels } from '../pairs/labels';
import { PAIR_STAGES, type PairStage } from '../pairs/types';
import { actorShortName, genderOf, personShortName, type Gender, type NameCase } from './person-names';
import { formatValue, NONE, pdMarker } from './values';
import { changesSomething, wordDiff, type DiffPart } from './word-diff';

/*
 * The shared machinery of the history's sentences (issue 15): the event and names types of
 * the org and board audit APIs (rules: «Presented event», «Names for sentences»), and a
 * builder that puts a sentence together part by part — the actor first, then what it did,
 * with references to the card, board or person so that the UI can link them — and collects
 * the changes (old → new values, word diffs). Pure, browser-safe.
 */

/** An audit row as the org and board audit APIs present it (sealed values opened or replaced by {"$pd":"hidden"|"erased"}). */
export type HistoryEvent = {
  id: number;
  at: string;
  actor: { id: string | null; name: string | null };
  type: string;
  orgId: string | null;
  boardId: string | null;
  cardId: string | null;
  data: { entityType: string; entityId: string | null; field?: string; before: unknown; after: unknown };
};

/**
 * Names for the sentences, by id: current titles (a card deleted since: its last title), people
 * only when the reader may see them. `users` (accounts, for membership and account events) is
 * optional; without it names.people is asked, then the event's own (opened) values.
 */
export type HistoryNames = {
  orgs: Record<string, string>;
  boards: Record<string, string>;
  columns: Record<string, string>;
  cards: Record<string, string>;
  people: Record<string, string>;
  users?: Record<string, string>;
};

export const emptyNames = (): HistoryNames => ({ orgs: {}, boards: {}, columns: {}, cards: {}, people: {} });

export type RefKind = 'actor' | 'card' | 'column' | 'board' | 'org' | 'person' | 'user' | 'pair';
/** A piece of a sentence; `ref` marks a name the UI may link or emphasise. */
export type SentencePart = { text: string; ref?: { kind: RefKind; id: string | null } };

export type HistoryChange =
  | { label: string; kind: 'text'; diff: DiffPart[] }
  | { label: string; kind: 'value'; before: string; after: string };

export type DescribedEvent = {
  /** Who acted, shortened («Л. А. Андропова»), «Система» for the server. */
  actor: string;
  /** The whole sentence, the actor first. */
  text: string;
  /** The sentence in pieces (joined they are `text`). */
  parts: SentencePart[];
  changes: HistoryChange[];
  link?: { boardId: string; cardId?: string };
};

/** Russian past-tense forms: masculine, feminine (the neutral «изменил(а)» is derived). */
export type Verb = readonly [m: string, f: string];
export const V = (m: string, f = `${m}а`): Verb => [m, f];

/** «изменил(а)», «перенёс(ла)»: the verb for an actor whose gender is not known. */
export function neutralVerb([m, f]: Verb): string {
  // изменил / изменила, перевёл / перевела → «(а)»; перенёс / перенесла, внёс / внесла → «(ла)»
  return m.endsWith('л') ? `${m}(а)` : `${m}(${f.slice(-2)})`;
}

const SENTENCE_CLIP = 150;
/** A user's text cut for a sentence (the full text stays in the changes). */
export function clip(text: string, max = SENTENCE_CLIP): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1).trimEnd()}…`;
}

export const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
export const obj = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const own = (r: Record<string, string> | undefined, id: string | null | undefined) => (r && id && Object.hasOwn(r, id) ? str(r[id]) : null);

/** Russian plural: plural(3, ['участник', 'участника', 'участников']) → 'участника'. */
export function plural(n: number, [one, few, many]: readonly [string, string, string]): string {
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a > 10 && a < 20) return many;
  if (b === 1) return one;
  if (b >= 2 && b <= 4) return few;
  return many;
}

const SYSTEM: Record<Locale, string> = { ru: 'Система', en: 'System' };
const UNKNOWN_USER: Record<Locale, string> = { ru: 'Пользователь', en: 'A user' };

/** A sentence under construction for one event. */
export class Sentence {
  readonly ru: boolean;
  readonly actor: string;
  readonly gender: Gender;
  readonly parts: SentencePart[] = [];
  readonly changes: HistoryChange[] = [];
  readonly before: Record<string, unknown>;
  readonly after: Record<string, unknown>;

  constructor(
    readonly e: HistoryEvent,
    readonly names: HistoryNames,
    readonly locale: Locale,
  ) {
    this.ru = locale === 'ru';
    const name = str(e.actor?.name);
    if (name) {
      this.actor = actorShortName(name);
      this.gender = genderOf(name);
    } else if (!e.actor?.id) {
      this.actor = SYSTEM[locale];
      this.gender = 'f'; // «Система перенесла»
    } else {
      this.actor = UNKNOWN_USER[locale];
      this.gender = 'm'; // «Пользователь перенёс»
    }
    this.before = obj(e.data?.before);
    this.after = obj(e.data?.after);
    this.parts.push({ text: this.actor, ref: { kind: 'actor', id: e.actor?.id ?? null } });
  }

  /** The verb agreeing with the actor (Russian). */
  v(verb: Verb): string {
    return this.gender === 'm' ? verb[0] : this.gender === 'f' ? verb[1] : neutralVerb(verb);
  }

  /** Appends to the sentence; a string is plain text, falsy pieces are skipped. */
  say(...pieces: (string | SentencePart | null | undefined | false)[]): this {
    for (const p of pieces) if (p) this.parts.push(typeof p === 'string' ? { text: p } : p);
    return this;
  }

  /** A name in the locale's quotes. */
  q(text: string): string {
    return this.ru ? `«${clip(text)}»` : `“${clip(text)}”`;
  }

  ref(kind: RefKind, id: string | null, text: string): SentencePart {
    return { text, ref: { kind, id } };
  }

  // ------------------------------------------------------------------ the things events name

  /** The event's card: its title quoted, or «карточку» / «карточки» … when no title is known. */
  card(nameCase: 'nom' | 'acc' | 'gen' | 'dat' | 'loc' = 'acc', title?: unknown): SentencePart {
    const id = this.e.cardId ?? (this.e.data?.entityType === 'card' ? this.e.data.entityId : null);
    const name = own(this.names.cards, id) ?? str(title);
    if (name) return this.ref('card', id, this.q(name));
    const words = this.ru ? { nom: 'карточка', acc: 'карточку', gen: 'карточки', dat: 'карточке', loc: 'карточке' } : { nom: 'a card', acc: 'a card', gen: 'a card', dat: 'a card', loc: 'a card' };
    return this.ref('card', id, words[nameCase]);
  }

  /** The card's title as the event itself gives it (created / deleted / restored cards), else as names know it. */
  cardTitled(title: unknown, nameCase: 'acc' | 'gen' = 'acc'): SentencePart {
    const id = this.e.cardId ?? this.e.data?.entityId ?? null;
    const name = str(title) ?? own(this.names.cards, id);
    return name ? this.ref('card', id, this.q(name)) : this.card(nameCase);
  }

  /** A column's (stage's) title as names know it, else as the event gives it; a pairs board's columns are its stages. */
  columnName(id: unknown, title?: unknown): string | null {
    const cid = typeof id === 'string' ? id : null;
    const stage = cid && (PAIR_STAGES as readonly string[]).includes(cid) ? pairLabels(this.locale).stages[cid as PairStage] : null;
    return own(this.names.columns, cid) ?? str(title) ?? stage;
  }

  column(id: unknown, title?: unknown): SentencePart | null {
    const name = this.columnName(id, title);
    return name ? this.ref('column', typeof id === 'string' ? id : null, this.q(name)) : null;
  }

  board(id: string | null = this.e.boardId, title?: unknown): SentencePart | null {
    const name = own(this.names.boards, id) ?? str(title);
    return name ? this.ref('board', id, this.q(name)) : null;
  }

  org(id: string | null = this.e.orgId, title?: unknown): SentencePart | null {
    const name = own(this.names.orgs, id) ?? str(title);
    return name ? this.ref('org', id, this.q(name)) : null;
  }

  /** A person of the banks: «Иванова И. И.» in the case asked, or «участника» when the name is not ours to show. */
  person(id: unknown, nameCase: NameCase, openedName?: unknown): SentencePart {
    const pid = typeof id === 'string' ? id : null;
    const full = own(this.names.people, pid) ?? str(openedName);
    return this.ref('person', pid, this.personWords(full, nameCase, this.ru ? { nom: 'участник', acc: 'участника', gen: 'участника' } : 'a participant'));
  }

  /** An account: names.users, then names.people, then its opened name. */
  user(id: unknown, nameCase: NameCase, openedName?: unknown): SentencePart {
    const uid = typeof id === 'string' ? id : null;
    const full = own(this.names.users, uid) ?? own(this.names.people, uid) ?? str(openedName);
    return this.ref('user', uid, this.personWords(full, nameCase, this.ru ? { nom: 'пользователь', acc: 'пользователя', gen: 'пользователя' } : 'a user'));
  }

  private personWords(full: string | null, nameCase: NameCase, fallback: Record<NameCase, string> | string): string {
    if (!full) return typeof fallback === 'string' ? fallback : fallback[nameCase];
    // An erased person is «Участник №N»: a noun to decline, not a name.
    const erased = /^участник\s*№\s*(\d+)$/i.exec(full.trim());
    if (erased) return this.ru ? `${nameCase === 'nom' ? 'участник' : 'участника'} № ${erased[1]}` : `participant No. ${erased[1]}`;
    return this.ru ? personShortName(full, nameCase) : personShortName(full, 'nom');
  }

  /** A pair: «пару № 3» / «группы № 3» from its card's title «Пара № 3», else «пару». */
  pair(id: unknown, nameCase: 'acc' | 'gen', title?: unknown): SentencePart {
    const pid = typeof id === 'string' ? id : null;
    const name = own(this.names.cards, pid) ?? str(title);
    const m = name ? /^(Пара|Группа)\s*№\s*(\S+)$/.exec(name.trim()) : null;
    if (m) {
      const group = m[1] === 'Группа';
      const word = this.ru ? (group ? (nameCase === 'acc' ? 'группу' : 'группы') : nameCase === 'acc' ? 'пару' : 'пары') : group ? 'group' : 'pair';
      return this.ref('pair', pid, `${word} ${this.ru ? '№' : 'No.'} ${m[2]}`);
    }
    if (name) return this.ref('pair', pid, this.ru ? `${nameCase === 'acc' ? 'пару' : 'пары'} ${this.q(name)}` : `pair ${this.q(name)}`);
    return this.ref('pair', pid, this.ru ? (nameCase === 'acc' ? 'пару' : 'пары') : 'a pair');
  }

  // ------------------------------------------------------------------ changes

  /** An old → new value change (both already in words); skipped when both are empty. */
  value(label: string, before: string, after: string): this {
    if (before === NONE && after === NONE) return this;
    this.changes.push({ label, kind: 'value', before, after });
    return this;
  }

  /** A word diff of two texts; skipped when nothing changed. A personal-data marker becomes a value change. */
  text(label: string, before: unknown, after: unknown): this {
    if (pdMarker(before) || pdMarker(after)) return this.value(label, formatValue(before, this.locale), formatValue(after, this.locale));
    const diff = wordDiff(before, after);
    if (changesSomething(diff)) this.changes.push({ label, kind: 'text', diff });
    return this;
  }

  /** «: A → B» for a sentence when both values are short, else nothing (the change carries them). */
  arrow(before: string, after: string, max = 60): string {
    if (before.length > max || after.length > max) return '';
    return before === NONE ? `: ${after}` : `: ${before} → ${after}`;
  }

  done(): DescribedEvent {
    const parts = this.parts;
    const boardId = this.e.boardId ?? (this.e.type === 'pair.created' ? str(this.after.boardId) : null);
    const cardId = this.e.cardId ?? undefined;
    return {
      actor: this.actor,
      text: parts.map((p) => p.text).join(''),
      parts,
      changes: this.changes,
      ...(boardId ? { link: cardId ? { boardId, cardId } : { boardId } } : {}),
    };
  }
}
