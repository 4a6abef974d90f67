import {
  PageOrientation,
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { IsoDate } from '../types';
import type { Processors } from './types';

/*
 * The building blocks the personal-data documents share: A4 portrait, Times New Roman 12
 * (as lib/export/docx.ts), labelled fields that print a blank line where a value is unknown,
 * and Russian dates. Nothing here knows a document; each builder composes these.
 */

export const FONT = 'Times New Roman';
export const SIZE = 24; // half-points: 12 pt
const SMALL = 20; // 10 pt
const PAGE_W = 11906; // A4 short side, twips
const PAGE_H = 16838;
const MARGIN_LEFT = 1701; // 3 cm (ГОСТ Р 7.0.97)
const MARGIN_RIGHT = 850; // 1.5 cm
const MARGIN_TB = 1134; // 2 cm
export const TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
/** The text width of a landscape A4 page with the same margins (a wide table: the mentor's journal). */
export const TEXT_W_LANDSCAPE = PAGE_H - MARGIN_LEFT - MARGIN_RIGHT;

/** What a missing value prints as: a line to fill in by hand. */
export const BLANK = '____________';
export const BLANK_LONG = '________________________________________';
/** A date to fill in by hand. */
export const BLANK_DATE = '«___» ____________ 20___ г.';

export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

export type Block = Paragraph | Table;

/*
 * Characters XML 1.0 cannot carry (C0 controls other than tab and newlines, lone surrogates,
 * U+FFFE/U+FFFF). A name pasted from elsewhere may hold them; written as they are, Word
 * refuses the whole file, so they are dropped from every text the documents print.
 */
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}

/** The value as printed, or null when there is nothing to print (null, undefined, blank). */
export function present(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const s = xmlSafe(String(value));
  return s.trim() === '' ? null : s;
}

export const orBlank = (value: string | number | null | undefined, blank = BLANK): string => present(value) ?? blank;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' → 'dd.MM.yyyy'; anything else is printed as given; null → null. */
export function ruDate(date: IsoDate | null | undefined): string | null {
  const s = present(date);
  if (s === null) return null;
  const m = ISO_DATE.exec(s.trim());
  return m ? `${m[3]}.${m[2]}.${m[1]}` : s;
}

export const ruDateOrBlank = (date: IsoDate | null | undefined, blank = BLANK_DATE): string => ruDate(date) ?? blank;

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** An ISO date-time as 'dd.MM.yyyy HH:mm' in the given zone; an unparsable value is printed as given. */
export function ruDateTime(at: string, timeZone = DEFAULT_TIME_ZONE): string {
  const t = Date.parse(at);
  if (Number.isNaN(t)) return xmlSafe(at);
  let fmt = dateTimeFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('ru-RU', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(timeZone, fmt);
  }
  const parts = Object.fromEntries(fmt.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  return `${parts.day}.${parts.month}.${parts.year} ${parts.hour}:${parts.minute}`;
}

type RunOpts = { bold?: boolean; italics?: boolean; small?: boolean; underline?: boolean };

export const run = (text: string, o: RunOpts = {}) =>
  new TextRun({
    text: xmlSafe(text),
    bold: o.bold,
    italics: o.italics,
    underline: o.underline ? {} : undefined,
    font: FONT,
    size: o.small ? SMALL : SIZE,
  });

type ParaOpts = RunOpts & { center?: boolean; right?: boolean; justify?: boolean; indent?: boolean; spaceBefore?: number; keepNext?: boolean; pageBreakBefore?: boolean };

function paraProps(o: ParaOpts) {
  return {
    alignment: o.center ? AlignmentType.CENTER : o.right ? AlignmentType.RIGHT : o.justify ? AlignmentType.JUSTIFIED : undefined,
    indent: o.indent ? { firstLine: 709 } : undefined,
    spacing: o.spaceBefore ? { before: o.spaceBefore } : undefined,
    keepNext: o.keepNext,
    pageBreakBefore: o.pageBreakBefore,
  };
}

export const para = (text: string, o: ParaOpts = {}) => new Paragraph({ ...paraProps(o), children: [run(text, o)] });

/** A paragraph of several runs (e.g. a bold label and a plain value). */
export const runs = (parts: (string | { text: string } & RunOpts)[], o: ParaOpts = {}) =>
  new Paragraph({ ...paraProps(o), children: parts.map((p) => (typeof p === 'string' ? run(p, o) : run(p.text, { ...o, ...p }))) });

export const empty = () => new Paragraph({ children: [] });

export const title = (text: string) => para(text, { bold: true, center: true, keepNext: true });

/** A numbered or plain section heading. */
export const heading = (text: string) => para(text, { bold: true, spaceBefore: 160, keepNext: true });

/** «Label: value», the value or a blank line when unknown. */
export const field = (label: string, value: string | number | null | undefined, blank = BLANK) =>
  runs([{ text: `${label}: `, bold: false }, orBlank(value, blank)]);

/** An item of a list, prefixed with a dash (Word's numbering is not needed for print). */
export const item = (text: string) => new Paragraph({ indent: { left: 357, hanging: 357 }, children: [run(`– ${text}`)] });

/** A line under which the signer signs: «<role> ____________ / <name> /». */
export function signatureLine(role: string, name: string | null): Paragraph {
  return runs([`${role} `, BLANK, ' / ', orBlank(name, BLANK_LONG), ' /'], { spaceBefore: 240 });
}

export const signatureHint = () => para('(подпись)          (фамилия, имя, отчество)', { small: true, italics: true });

/** The processors' line: a blank when unknown, «не поручается» when none, else each one. */
export function processorsText(p: Processors): string {
  if (p === null || p === undefined) return BLANK_LONG;
  if (p.length === 0) return 'не поручается (оператор обрабатывает персональные данные самостоятельно)';
  return p.map((x) => `${orBlank(x.name)}, адрес: ${orBlank(x.address, BLANK_LONG)}`).join('; ');
}

/** A cell's text: one paragraph, or one paragraph per line (a group's mentees, a meeting's ratings). */
export type CellText = string | string[];

function cell(text: CellText, width: number, bold = false): TableCell {
  const lines = typeof text === 'string' ? [text] : text.length > 0 ? text : [''];
  return new TableCell({
    children: lines.map((l) => new Paragraph({ children: [run(l, { bold, small: true })] })),
    verticalAlign: VerticalAlign.TOP,
    width: { size: width, type: WidthType.DXA },
  });
}

/**
 * A table with a repeated header row. `widths` are relative and scaled to the text width;
 * an empty body prints one row saying so (a table with only a header reads as truncated).
 * Rows of one line each never split across pages; rows with cells of several lines may.
 */
export function table(headers: string[], rows: CellText[][], widths: number[], emptyText = 'нет записей', textWidth = TEXT_W): Table {
  const total = widths.reduce((a, b) => a + b, 0);
  const w = widths.map((x) => Math.floor((x / total) * textWidth));
  const body =
    rows.length > 0
      ? rows.map((r) => new TableRow({ cantSplit: r.every((c) => typeof c === 'string'), children: r.map((c, i) => cell(c, w[i])) }))
      : [
          new TableRow({
            children: [
              new TableCell({
                columnSpan: headers.length,
                width: { size: textWidth, type: WidthType.DXA },
                children: [new Paragraph({ children: [run(emptyText, { small: true, italics: true })] })],
              }),
            ],
          }),
        ];
  return new Table({
    rows: [new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, w[i], true)) }), ...body],
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: w,
    layout: TableLayoutType.FIXED,
  });
}

/** One A4 document (portrait, or landscape for wide tables), Times New Roman 12, as bytes. */
export async function pack(docTitle: string, children: Block[], landscape = false): Promise<Uint8Array> {
  const doc = new Document({
    creator: 'Tropa',
    title: xmlSafe(docTitle),
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            // docx swaps width and height itself for a landscape page: give the portrait size.
            size: { width: PAGE_W, height: PAGE_H, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: MARGIN_TB, bottom: MARGIN_TB, left: MARGIN_LEFT, right: MARGIN_RIGHT },
          },
        },
        children,
      },
    ],
  });
  const buf = await Packer.toBuffer(doc);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
