/*
 * The document's heading: title, organisation and period. The title is the heading group
 * that starts with «План…», «Дорожная карта…», «Программа…» nearest before the plan table;
 * the organisation is the first named in the heading or approval block.
 */
import { cleanText } from '../clean';

/** Heading lines that start a title. */
/** A line that starts a list item: «1.», «2.3)», or a dash or bullet. */
export const LIST_START_RE = /^\s*(\d{1,3}(\.\d{1,3})*[.)]\s|[–—•●▪◦·*-]\s)/;
const TITLE_START_RE = /^[«"(]?\s*(план|дорожн|программ|график|календарн|мероприяти)/i;

/**
 * The title lines: from the first title-like line of `paragraphs` up to a gap (an empty
 * paragraph) or the end; with a markdown bold start, up to the line that closes it.
 */
export function findTitle(paragraphs: string[]): string | null {
  const start = paragraphs.findIndex((p) => TITLE_START_RE.test(cleanText(p)));
  if (start < 0) return null;
  const lines: string[] = [];
  const bold = paragraphs[start]!.trim().startsWith('**');
  for (let k = start; k < paragraphs.length && lines.length < 10; k++) {
    const raw = paragraphs[k]!;
    if (raw.trim() === '' && !bold) break;
    // A list line is the plan itself, not its heading.
    if (k > start && LIST_START_RE.test(raw)) break;
    const t = cleanText(raw);
    if (t !== '') lines.push(t);
    // A bold block ends where the bold closes, unless the next line opens bold again (each line bold on its own).
    const closes = raw.trim().endsWith('**') && (k > start || raw.trim().length > 2);
    if (bold && closes && !(paragraphs[k + 1] ?? '').trim().startsWith('**')) break;
  }
  const title = lines.join(' ').replace(/\s+,/g, ',').replace(/\s+/g, ' ').trim();
  return title === '' ? null : title;
}

const YEAR = '(20\\d\\d)';
const YEAR_WORD = '(?:\\s*(?:г\\.?\\s*г\\.?|гг\\.?|г\\.?|год[а-я]*))?';
const MONTH = '(?:январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр|ноябр|декабр)[а-я]*';
const PERIOD_RES: RegExp[] = [
  // «2021-2024гг.», «2022 – 2025 годы», «2023/2024 учебный год», «2021 г. – 2024 г.»
  new RegExp(`${YEAR}${YEAR_WORD}\\s*[-–—/]\\s*${YEAR}`, 'i'),
  // «с 2022 г. по 2024 г.», «с 2021 по 2024 год»
  new RegExp(`с\\s+${YEAR}${YEAR_WORD}\\s+(?:по|до)\\s+${YEAR}`, 'i'),
  // «с 01.09.2021 по 31.05.2024», «с сентября 2021 года по май 2024 года»
  new RegExp(`с\\s+(?:\\d{1,2}\\.\\d{1,2}\\.|(?:\\d{1,2}\\s+)?${MONTH}\\s+)${YEAR}${YEAR_WORD}\\s*(?:по|до|[-–—])\\s*(?:\\d{1,2}\\.\\d{1,2}\\.|(?:\\d{1,2}\\s+)?${MONTH}\\s+)${YEAR}`, 'i'),
  // «2021-22 учебный год»
  new RegExp(`${YEAR}\\s*[-–—/]\\s*(\\d\\d)\\s*(?:уч|учебн)`, 'i'),
];
/** Words that say a range of years is the plan's own period. */
const PERIOD_CUE_RE = /(?:^|[^а-яё])(?:на|в)\s+(?:период\s+)?(?:с\s+)?(?:\d{1,2}\.\d{1,2}\.)?20\d\d|срок\S*\s+(?:реализаци|действи|исполнени)|период\S*\s+(?:реализаци|действи)|учебн|уч\.\s*г|реализаци\S*\s+(?:программ|план|дорожн)|годы|гг/i;
/** Ranges that belong to something else: a national project, a strategy, a document's number. */
const FOREIGN_RE = /национальн\S*\s+проект|федеральн\S*\s+проект|стратеги|госпрограмм|государственн\S*\s+программ|распоряжени|постановлени|приказ\S*\s+(?:от|№)|№/i;

type Found = { from: string; to: string; score: number; order: number };

function periodsIn(t: string, order: number, title: boolean): Found[] {
  const out: Found[] = [];
  for (const re of PERIOD_RES) {
    const global = new RegExp(re.source, 'gi');
    for (let m = global.exec(t); m; m = global.exec(t)) {
      const from = m[1]!;
      let to = m[2]!.length === 2 ? `${from.slice(0, 2)}${m[2]}` : m[2]!;
      if (!(+to >= +from && +to - +from <= 10)) continue;
      // «на 2021-2022 и 2022-2023 учебные годы»: the chain runs to its last year.
      const rest = t.slice(m.index + m[0].length);
      const chain = /^(?:\s*(?:г\.?|гг\.?|уч\.?\s*г\.?|учебн\S*\s+год\S*))?\s*(?:,|и)\s*(20\d\d)\s*[-–—/]\s*(20\d\d)/i.exec(rest);
      if (chain && +chain[1]! >= +to - 1 && +chain[2]! - +from <= 10) to = chain[2]!;
      const around = t.slice(Math.max(0, m.index - 40), m.index + m[0].length + 25);
      const before = t.slice(Math.max(0, m.index - 40), m.index);
      let score = 1;
      if (PERIOD_CUE_RE.test(around)) score += 2;
      if (FOREIGN_RE.test(before)) score -= 2;
      if (title) score += 2;
      out.push({ from, to, score, order });
    }
  }
  return out;
}

/**
 * The plan's period in the heading or the paragraphs before the plan: «на 2020-2024 годы»,
 * «на период 2021-2024гг.», «С 2022 г. по 2024 г.», «на 2022 – 2023 учебный год», «с 01.09.2021
 * по 31.05.2024», «на 2023 год». The first of `texts` is the title. Of several ranges, one
 * worded as the plan's period wins over a bare one and over one that names something else (a
 * national project's years); among equals, the first. A range split over two lines is read too.
 */
export function findPeriod(texts: string[]): { from: string; to: string } | null {
  const lines = texts.map((raw) => cleanText(raw ?? ''));
  const found: Found[] = [];
  lines.forEach((t, k) => {
    found.push(...periodsIn(t, k, k === 0));
    // «на 2022 –» / «2025 годы» on two lines.
    const next = lines[k + 1];
    if (next && /20\d\d\D{0,12}$/.test(t) && /^\D{0,6}20\d\d/.test(next)) {
      found.push(...periodsIn(`${t} ${next}`, k, k === 0));
    }
  });
  const best = found.filter((f) => f.score > 0).sort((a, b) => b.score - a.score || a.order - b.order)[0];
  if (best) return { from: best.from, to: best.to };
  for (const t of lines) {
    const single = /на\s+(20\d\d)\s*(?:г\.|год)/i.exec(t);
    if (single) return { from: single[1]!, to: single[1]! };
  }
  return null;
}

/** The first year of an academic year named in the texts («2022 – 2023 учебный год»). */
export function findAcademicYear(texts: string[]): number | null {
  for (const raw of texts) {
    const m = /(20\d\d)\s*[-–—/]\s*(20\d\d|\d\d)\s*(?:уч\.|учебн)/i.exec(cleanText(raw));
    if (m) return +m[1]!;
  }
  return null;
}

const ORG_FORMS =
  'МБОУ|МАОУ|МКОУ|МОУ|МБДОУ|МАДОУ|МКДОУ|МДОУ|МБУ\\s*ДО|МАУ\\s*ДО|МБУДО|МАУДО|МКУ\\s*ДО|ГБУ\\s*ДО|ГБОУ|ГАОУ|ГБПОУ|ГАПОУ|ГПОУ|ОГБОУ|ОГАОУ|КГБОУ|КГБПОУ|ФГБОУ|ФГАОУ|ЧОУ|АНО\\s*ДО|АНО|НОУ|МБУ|МАУ|МКУ|ГБУ|ГАУ|ОГБУ|ОГАУ|КГБУ';
const ORG_RE = new RegExp(`(?:^|[^А-ЯЁA-Z])((?:${ORG_FORMS})(?:\\s+ДО)?\\s*(?:«(?:[^«»]|«[^«»]{0,60}»){1,80}»|"[^"]{1,80}"|[А-ЯЁ][А-ЯЁA-Z0-9№-]{1,15}(?:\\s*№\\s*\\d+)?))`);
const FULL_ORG_RE =
  /((?:муниципальн|государственн|частн|областн|краев|федеральн|автономн)\S*\s+(?:[а-яё]+\s+){0,5}(?:учреждени|организаци)\S*\s+(?:[а-яё\s-]{0,80})?(?:«[^»]{1,80}»|"[^"]{1,80}"))/i;

/** «Управление образования администрации … района», «Министерство образования и науки … области», «Администрация … района». */
const BODY_RE =
  /^(?:(?:Министерство|Департамент|Комитет|Управление|Отдел)\s+(?:по\s+)?(?:общего\s+и\s+профессионального\s+)?образовани[яюе]\S*\s+\S|Администрация\s+[А-ЯЁ]?\S*\s*(?:\S+\s+)?(?:муниципальн|район|округ|город|поселени))/;

const REGION_FIXES: [RegExp, string][] = [
  [/^Республики\s+/i, 'Республика '],
  [/^([А-ЯЁ][а-яё]+)ской\s+области$/, '$1ская область'],
  [/^([А-ЯЁ][а-яё]+)ского\s+края$/, '$1ский край'],
  [/^([А-ЯЁ][а-яё]+)ого\s+края$/, '$1ый край'],
];
const REGION_RE = /(Республик[аиеы]\s+[А-ЯЁ][а-яё]+(?:\s*[-–]\s*[А-ЯЁ][а-яё]+)?|[А-ЯЁ][а-яё]+ской\s+области|[А-ЯЁ][а-яё]+(?:ского|ого)\s+края)/;

/**
 * The organisation: an abbreviated form with its name («МБОУ «Гимназия № 73»», «МБУ ДО ЦВПВМ»),
 * else a spelled-out one, else the region of a regional programme («Республика Мордовия»).
 */
export function findOrganisation(texts: string[]): string | null {
  const lines = texts.map((t) => cleanText(t)).filter((t) => t !== '');
  for (const t of lines) {
    const m = ORG_RE.exec(t);
    if (m) return m[1]!.replace(/\s+/g, ' ').trim();
  }
  const joined = lines.join(' ');
  const full = FULL_ORG_RE.exec(joined);
  if (full) return full[1]!.replace(/\s+/g, ' ').trim();
  // A municipal or regional plan: the body that issues it heads the document on a line of its own.
  const body = lines.find((t) => t.length <= 160 && BODY_RE.test(t));
  if (body) return body.replace(/[\s.,;:]+$/, '');
  const region = REGION_RE.exec(joined);
  if (region) {
    let r = region[1]!.replace(/\s+/g, ' ');
    for (const [re, to] of REGION_FIXES) r = r.replace(re, to);
    return r;
  }
  return null;
}
