/*
 * People's names in the history's sentences (issue 15), pure: a full name shortened to
 * initials («Андропова Людмила Александровна» → «Л. А. Андропова» for who acted, «Андропова Л. А.»
 * for whom it was done to), the gender a past-tense verb agrees with, and a surname in the
 * accusative or genitive («добавила в банк наставников Иванова И. И.», «статус Ивановой И. И.»).
 *
 * Names come in either order, with or without a patronymic, sometimes already as initials.
 * The patronymic decides the order and the gender (-вич/-вна, -оглы/-кызы); without one, the
 * surname's ending (-ов/-ова, -ский/-ская …). Anything that does not read as a Russian-style
 * name (an email, «Участник №12», a single word, a Latin name) is shown as given and left
 * undeclined: an odd case ending is worse than none.
 */

export type Gender = 'm' | 'f' | null;
export type NameCase = 'nom' | 'acc' | 'gen';

type ParsedName = { surname: string | null; given: string | null; patronymic: string | null };

const clean = (s: string) => s.replace(/[\s\u00a0\u2007\u202f]+/g, ' ').trim();

const WORD = /^\p{L}+(?:[-'’]\p{L}+)*$/u;
const INITIAL = /^\p{Lu}\.$/u;
const CYRILLIC = /[\u0400-\u04FF]/;

const PATRONYMIC_TAIL = new Set(['оглы', 'кызы', 'гызы', 'улы', 'уулу']);
const FEMALE_PATRONYMIC = /(?:вна|чна|кызы|гызы)$/i;
const MALE_PATRONYMIC = /(?:вич|ич|оглы|улы|уулу)$/i;
const isPatronymic = (w: string) => w.length >= 5 && /(?:вич|вна|ична|чна|ич)$/i.test(w);

const FEMALE_SURNAME = /(?:ова|ева|ёва|ина|ына|ская|цкая|ая|яя)$/i;
const MALE_SURNAME = /(?:ов|ев|ёв|ин|ын|ский|цкий|ской|цкой|ый|ой)$/i;
// Given names that end like surnames (-ина), so that «Ирина Петрова» is not read surname first.
const GIVEN_LIKE_SURNAME = new Set(
  'ирина марина галина алина полина арина карина кристина валентина екатерина регина ангелина эвелина нина зарина дина альбина мартин'.split(' '),
);
const looksSurname = (w: string) => w.length >= 4 && !GIVEN_LIKE_SURNAME.has(w.toLowerCase()) && (FEMALE_SURNAME.test(w) || MALE_SURNAME.test(w));

/** «Л.А.» → «Л.», «А.» so that initials written without spaces read like spaced ones. */
const splitInitials = (tokens: string[]) => tokens.flatMap((t) => (/^(?:\p{Lu}\.){2,}$/u.test(t) ? t.match(/\p{Lu}\./gu)! : [t]));

/** The parts of a name, or null when it does not read as one. */
export function parseName(full: string | null | undefined): ParsedName | null {
  if (typeof full !== 'string') return null;
  let tokens = splitInitials(clean(full).split(' ').filter(Boolean));
  // «Мамедов Али Гусейн оглы»: the patronymic is two words.
  if (tokens.length === 4 && PATRONYMIC_TAIL.has(tokens[3].toLowerCase())) tokens = [tokens[0], tokens[1], `${tokens[2]} ${tokens[3]}`];
  const ok = (t: string) => WORD.test(t.replace(' ', '')) || INITIAL.test(t);
  if (tokens.length < 2 || tokens.length > 3 || !tokens.every(ok)) return null;
  const initials = tokens.map((t) => INITIAL.test(t));
  const isPat = (t: string) => isPatronymic(t) || PATRONYMIC_TAIL.has(t.split(' ').pop()!.toLowerCase());

  if (initials.some(Boolean)) {
    // «Андропова Л. А.» or «Л. А. Андропова»: the word is the surname.
    const words = tokens.filter((_, i) => !initials[i]);
    if (words.length !== 1) return null;
    const surnameFirst = !initials[0];
    const rest = surnameFirst ? tokens.slice(1) : tokens.slice(0, -1);
    if (!rest.every((t) => INITIAL.test(t))) return null;
    return { surname: words[0], given: rest[0] ?? null, patronymic: rest[1] ?? null };
  }
  if (tokens.length === 3) {
    const [a, b, c] = tokens;
    if (isPat(c)) return { surname: a, given: b, patronymic: c };
    if (isPat(b)) return { surname: c, given: a, patronymic: b };
    return null;
  }
  const [a, b] = tokens;
  if (isPat(b)) return null; // «Людмила Александровна»: no surname to show
  if (looksSurname(a) && !looksSurname(b)) return { surname: a, given: b, patronymic: null };
  if (looksSurname(b) && !looksSurname(a)) return { surname: b, given: a, patronymic: null };
  // Undecided: official Russian order is the surname first; other scripts put it last.
  return CYRILLIC.test(a) ? { surname: a, given: b, patronymic: null } : { surname: b, given: a, patronymic: null };
}

const initialOf = (part: string | null) => (part ? (INITIAL.test(part) ? part : `${part.charAt(0).toUpperCase()}.`) : null);

function initialsOf(p: ParsedName): string {
  return [initialOf(p.given), initialOf(p.patronymic)].filter(Boolean).join(' ');
}

/** The gender of a name: from its patronymic, else its surname's ending; null when neither tells. */
export function genderOf(full: string | null | undefined): Gender {
  const p = parseName(full);
  if (!p) return null;
  if (p.patronymic && !INITIAL.test(p.patronymic)) {
    if (FEMALE_PATRONYMIC.test(p.patronymic)) return 'f';
    if (MALE_PATRONYMIC.test(p.patronymic)) return 'm';
  }
  const s = p.surname ?? '';
  if (s.length < 4 || !CYRILLIC.test(s)) return null;
  if (FEMALE_SURNAME.test(s)) return 'f';
  if (MALE_SURNAME.test(s)) return 'm';
  return null;
}

/** Who acted: «Л. А. Андропова» (initials first). A name that does not parse is shown as given. */
export function actorShortName(full: string | null | undefined): string {
  if (typeof full !== 'string') return '';
  const p = parseName(full);
  if (!p || !p.surname) return clean(full);
  const ini = initialsOf(p);
  return ini ? `${ini} ${p.surname}` : p.surname;
}

/** Whom it concerns: «Иванова И. И.» (surname first), the surname in `nameCase` when its gender is known. */
export function personShortName(full: string | null | undefined, nameCase: NameCase = 'nom'): string {
  if (typeof full !== 'string') return '';
  const p = parseName(full);
  if (!p || !p.surname) return clean(full);
  const surname = declineSurname(p.surname, genderOf(full), nameCase);
  const ini = initialsOf(p);
  return ini ? `${surname} ${ini}` : surname;
}

/** The ending replaced, in the word's own case (ИВАНОВ → ИВАНОВА). */
function withEnding(word: string, cut: number, ending: string): string {
  const upper = word.length > 1 && word === word.toUpperCase();
  return word.slice(0, word.length - cut) + (upper ? ending.toUpperCase() : ending);
}

type Rule = [RegExp, number, string];

// Rules are tried in order; the first whose pattern matches wins. [pattern, letters cut, ending]
const MALE_ANY: Rule[] = [
  [/(?:ых|их|о|е|э|и|ы|у|ю)$/i, 0, ''], // Черных, Шевченко, Гёте: not declined
  [/(?:ский|цкий)$/i, 2, 'ого'],
  [/(?:ой|ый)$/i, 2, 'ого'],
  [/ий$/i, 2, 'его'],
  [/[ьй]$/i, 1, 'я'],
  [/[бвгджзклмнпрстфхцчшщ]$/i, 0, 'а'],
];
const MALE_ACC: Rule[] = [...MALE_ANY, [/а$/i, 1, 'у'], [/я$/i, 1, 'ю']];
const MALE_GEN: Rule[] = [...MALE_ANY, [/[гкхжшчщ]а$/i, 1, 'и'], [/а$/i, 1, 'ы'], [/я$/i, 1, 'и']];
const FEMALE_ACC: Rule[] = [
  [/(?:ова|ева|ёва|ина|ына)$/i, 1, 'у'],
  [/ая$/i, 2, 'ую'],
  [/яя$/i, 2, 'юю'],
  [/а$/i, 1, 'у'],
  [/я$/i, 1, 'ю'],
];
const FEMALE_GEN: Rule[] = [
  [/(?:ова|ева|ёва|ина|ына)$/i, 1, 'ой'],
  [/ая$/i, 2, 'ой'],
  [/яя$/i, 2, 'ей'],
  [/[гкхжшчщ]а$/i, 1, 'и'],
  [/а$/i, 1, 'ы'],
  [/я$/i, 1, 'и'],
];

function declineWord(word: string, rules: Rule[]): string {
  for (const [re, cut, ending] of rules) if (re.test(word)) return withEnding(word, cut, ending);
  return word;
}

/**
 * A Russian surname in the accusative or genitive (the two coincide for a man). Unknown gender,
 * a non-Cyrillic surname or the nominative: unchanged. A double surname declines in both parts.
 */
export function declineSurname(surname: string, gender: Gender, nameCase: NameCase): string {
  if (nameCase === 'nom' || !gender || !CYRILLIC.test(surname)) return surname;
  const rules = gender === 'm' ? (nameCase === 'acc' ? MALE_ACC : MALE_GEN) : nameCase === 'acc' ? FEMALE_ACC : FEMALE_GEN;
  return surname
    .split('-')
    .map((part) => declineWord(part, rules))
    .join('-');
}
