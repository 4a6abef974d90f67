/*
 * Splits the «Ответственные» cell of a roadmap row into entries (bodies, roles, people).
 * Pure: runs in the browser too.
 */
import { cleanText, joinBroken, stripMarkup, trimItemPunctuation } from './clean';

/** Nominative words that start a new body or role when a lost line break ran entries together. */
const START_WORDS = new Set([
  'Министерство', 'Министр', 'Региональный', 'Региональная', 'Региональное', 'Муниципальный', 'Муниципальная',
  'Муниципальное', 'Образовательная', 'Образовательные', 'Образовательных', 'Образовательное', 'Общеобразовательные',
  'Общеобразовательная', 'ОО', 'ЦНППМ', 'Комитет', 'Управление', 'Отдел', 'Департамент', 'МБУ', 'МБОУ', 'МАОУ', 'МКОУ',
  'МАУ', 'МКУ', 'ГБУ', 'ГАУ', 'ГБОУ', 'ГАОУ', 'ГАПОУ', 'ГБПОУ', 'ГКУ', 'ФГБОУ', 'ФГАОУ', 'МБДОУ', 'МАДОУ', 'МБУДО', 'ЦРО',
  'ИМЦ', 'РМЦ', 'МОЦ', 'Руководитель', 'Руководители', 'Представитель', 'Представители', 'Куратор', 'Кураторы',
  'Администрация', 'Директор', 'Заместитель', 'Заместители', 'Педагог-психолог', 'Педагоги-психологи', 'Наставники',
  'Наставник', 'Наставляемые', 'Методист', 'Методисты', 'Совет', 'Центр', 'Институт', 'Учителя', 'Учителя-предметники',
  'Председатель', 'Специалисты', 'Специалист', 'Тьютор', 'Тьюторы', 'Координатор', 'Родители',
]);
/** Starts of two words: the first word, and the lowercase word that must follow it. */
const START_PAIRS: Record<string, RegExp> = {
  Рабочая: /^группа/,
  Педагогический: /^(?:совет|коллектив)/,
  Классные: /^руководители/,
  Классный: /^руководитель/,
  Социальный: /^педагог/,
  Родительский: /^комитет/,
  Школьная: /^служба/,
};
/** Start words that can be a genitive complement of a role («Руководители Образовательных организаций»). */
const GENITIVE_STARTS = new Set(['Образовательных']);
/** Words a name cannot end with: prepositions and conjunctions expect what follows. */
const LINKING_WORDS = new Set([
  'по', 'при', 'и', 'с', 'со', 'для', 'в', 'во', 'на', 'о', 'об', 'от', 'к', 'ко', 'у', 'из', 'за', 'до', 'или', 'а', 'над',
  'под', 'через', 'между', 'без', 'также', 'либо', '№', '-', '–', '—',
]);
/** Organisational forms that precede the organisation's own name («МБУ Центр …»). */
const ORG_FORMS = new Set([
  'МБУ', 'МБОУ', 'МАОУ', 'МКОУ', 'МАУ', 'МКУ', 'ГБУ', 'ГАУ', 'ГБОУ', 'ГАОУ', 'ГАПОУ', 'ГБПОУ', 'ГКУ', 'ФГБОУ', 'ФГАОУ',
  'МБДОУ', 'МАДОУ', 'МКДОУ', 'МБУДО', 'ГБУДО', 'ДО', 'ДПО', 'СОШ', 'ООШ', 'НОШ', 'АНО', 'ЧОУ', 'ОГБУ', 'ОГАУ', 'КГБУ',
  'КГАУ', 'ГОУ', 'МОУ', 'МДОУ', 'НОУ',
]);
/** Roles whose complement names the organisation («Директор МБОУ …», «Руководители ОО»). */
const ROLE_HEADS = new Set([
  'директор', 'заместитель', 'заместители', 'руководитель', 'руководители', 'куратор', 'кураторы', 'методист', 'методисты',
  'педагог', 'педагоги', 'педагог-психолог', 'педагоги-психологи', 'специалист', 'специалисты', 'представитель',
  'представители', 'председатель', 'член', 'члены', 'сотрудник', 'сотрудники', 'учитель', 'учителя', 'наставник',
  'наставники', 'наставляемые', 'заведующий', 'заведующая', 'начальник', 'советник', 'ответственный', 'ответственные',
  'социальный', 'старший', 'классный', 'классные', 'администрация', 'рабочая', 'совет', 'педагогический', 'коллектив',
  'команда', 'эксперт', 'эксперты', 'тьютор', 'тьюторы', 'координатор', 'координаторы',
]);

/** A clause after a comma that continues the name before it. */
const CONTINUATION_RE =
  /^(?:котор[а-яё]+|в лице|в том числе|в т\.\s?ч\.|при участии|при поддержке|под руководством|совместно со?(?![а-яё])|[а-яё]+(?:ющ|ящ|ащ|ущ|вш|ем|им|енн|анн|янн)(?:ий|ая|ее|ие|его|ей|их|им|ими|ую|ем|ый|ое|ые|ых|ым|ыми|ого|ой)(?![а-яё]))/;

/** Participles used as nouns: people in their own right («Куратор, наставники, наставляемые»), not a clause. */
const PARTICIPANTS_RE = /^(?:наставляем|обучаем|заведующ|управляющ|служащ|выпускающ|проверяющ|ответственн)[а-яё]*(?:\s+(?:\d|[а-яё]+\s+(?:класс|курс|групп))|$)/;

const OPENERS: Record<string, string> = { '«': '»', '„': '“', '“': '”', '(': ')', '"': '"' };

type Segment = { text: string; sep: string };

/** Splits on «,», «;» and line breaks outside quotes and brackets (or everywhere, if they do not balance). */
function splitTopLevel(text: string, protect: boolean): Segment[] | null {
  const out: Segment[] = [];
  const stack: string[] = [];
  let from = 0;
  let sep = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (protect) {
      const top = stack[stack.length - 1];
      if (top !== undefined && c === top) {
        stack.pop();
        continue;
      }
      if (c in OPENERS) {
        stack.push(OPENERS[c]!);
        continue;
      }
      if (stack.length > 0) continue;
    }
    if (c === ',' || c === ';' || c === '\n') {
      out.push({ text: text.slice(from, i), sep });
      sep = c;
      from = i + 1;
    }
  }
  out.push({ text: text.slice(from), sep });
  if (protect && stack.length > 0) return null;
  return out;
}

/** The depth of quotes/brackets at each character (0 outside). */
function depths(text: string): number[] {
  const result: number[] = [];
  const stack: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    result.push(stack.length);
    const top = stack[stack.length - 1];
    if (top !== undefined && c === top) stack.pop();
    else if (c in OPENERS) stack.push(OPENERS[c]!);
  }
  return result;
}

const bare = (w: string) => w.replace(/^[«"„“(]+|[»"“”),;:]+$/g, '');
const PERSON_END_RE = /(?:^|\s)[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.$/;

/** Splits entries that a lost line break ran together («Министерство образования РМ Региональный …»). */
function splitRunTogether(seg: string): string[] {
  const depth = depths(seg);
  const words: { w: string; at: number }[] = [];
  for (const m of seg.matchAll(/\S+/g)) words.push({ w: m[0], at: m.index });
  const parts: string[] = [];
  let from = 0;
  let chunkStartWord = 0;
  for (let k = 1; k < words.length; k++) {
    const { w, at } = words[k]!;
    if (depth[at] !== 0) continue;
    const chunk = seg.slice(from, at).trim();
    if (chunk === '') continue;
    const prev = bare(words[k - 1]!.w);
    const head = bare(words[chunkStartWord]!.w).toLowerCase();
    const next = words[k + 1]?.w ?? '';
    let split = false;
    const isStart = START_WORDS.has(w) || (START_PAIRS[w]?.test(next) ?? false);
    if (isStart) {
      split = true;
      if (LINKING_WORDS.has(prev.toLowerCase()) || ORG_FORMS.has(prev)) split = false;
      // An adjective expects its noun («Региональный Центр»).
      if (/^[А-ЯЁа-яё]+(?:ый|ий|ой|ая|яя|ое|ее)$/.test(prev)) split = false;
      const acronym = /^[А-ЯЁA-Z]{2,}$/.test(w);
      if ((acronym || GENITIVE_STARTS.has(w)) && ROLE_HEADS.has(head)) split = false;
    } else if (/^[А-ЯЁ][а-яё]/.test(w) && PERSON_END_RE.test(chunk)) {
      // «Андропова Л. А. Петров П. П.»
      split = true;
    }
    if (split) {
      parts.push(chunk);
      from = at;
      chunkStartWord = k;
    }
  }
  parts.push(seg.slice(from).trim());
  return parts;
}

/** The entries of an «Ответственные» cell: cleaned, deduplicated, in order. */
export function splitResponsible(s: string): string[] {
  const text = stripMarkup(s);
  if (text.trim() === '') return [];
  const segments = splitTopLevel(text, true) ?? splitTopLevel(text, false)!;
  // Glue back clauses that continue a name, and lines that a wrap broke.
  const merged: string[] = [];
  for (const { text: raw, sep } of segments) {
    const t = cleanText(raw);
    if (t === '') continue;
    const last = merged.length - 1;
    if (last >= 0 && sep === ',' && CONTINUATION_RE.test(t) && !PARTICIPANTS_RE.test(t)) merged[last] = `${merged[last]}, ${t}`;
    else if (last >= 0 && sep === '\n' && /^[а-яё]/.test(t) && !/[.;,]$/.test(merged[last]!)) merged[last] = joinBroken(merged[last]!, t);
    else merged.push(t);
  }
  const out: string[] = [];
  const seen = new Set<string>();
  for (const seg of merged) {
    for (const part of splitRunTogether(seg)) {
      const entry = trimItemPunctuation(cleanText(part)).replace(/[\s:]+$/, '');
      if (entry === '') continue;
      const key = entry.toLowerCase().replace(/ё/g, 'е').replace(/[«»„“”"]/g, '"').replace(/\s+/g, '');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(entry);
    }
  }
  return out;
}
