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
const PERIOD_RES: RegExp[] = [
  new RegExp(`${YEAR}\\s*(?:г\\.?|гг\\.?|год[а-я]*)?\\s*[-–—/]\\s*${YEAR}`, 'i'),
  new RegExp(`с\\s+${YEAR}\\s*(?:г\\.?|года)?\\s+по\\s+${YEAR}`, 'i'),
  new RegExp(`${YEAR}\\s*[-–—/]\\s*(\\d\\d)\\s*(?:уч|учебн)`, 'i'),
];

/** «на 2020-2024 годы», «С 2022 г. по 2024 г.», «на 2022 – 2023 учебный год», «на 2023 год». */
export function findPeriod(texts: string[]): { from: string; to: string } | null {
  for (const raw of texts) {
    const t = cleanText(raw);
    for (const re of PERIOD_RES) {
      const m = re.exec(t);
      if (!m) continue;
      const from = m[1]!;
      const to = m[2]!.length === 2 ? `20${m[2]}` : m[2]!;
      if (+to >= +from && +to - +from <= 10) return { from, to };
    }
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
