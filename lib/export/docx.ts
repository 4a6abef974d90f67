import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { EXPORT_PROPERTY, encodeExportMeta } from '../import/export-meta';
import { activityNumber, INDICATORS_HEADING, indicatorYears, PLAN_HEADERS, PLAN_HEADING, ruNumber, stageHeading, subtitleLines } from './common';
import type { RoadmapExport } from './types';

/*
 * A roadmap as a Word plan («План мероприятий (дорожная карта)»): A4 landscape, Times New
 * Roman 12, one table (header repeated on every page; a stage row spanning all columns; one
 * row per activity), then the indicators' table when there are indicators.
 */

const FONT = 'Times New Roman';
const SIZE = 24; // half-points: 12 pt
const PAGE_W = 16838; // A4 long side, twips
const MARGIN = 1134; // 2 cm
const TEXT_W = PAGE_W - 2 * MARGIN;
const PLAN_COLS = [900, 5870, 2200, 2800, 2800]; // sums to TEXT_W

const para = (text: string, opts: { bold?: boolean; center?: boolean } = {}) =>
  new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : undefined,
    children: [new TextRun({ text, bold: opts.bold, font: FONT, size: SIZE })],
  });

/** A cell of the given width; Word wants at least one paragraph in every cell. */
function cell(lines: string[], width: number, opts: { bold?: boolean; center?: boolean; span?: number } = {}): TableCell {
  const children = (lines.length > 0 ? lines : ['']).map((l) => para(l, opts));
  return new TableCell({
    children,
    columnSpan: opts.span,
    verticalAlign: VerticalAlign.TOP,
    width: { size: width, type: WidthType.DXA },
  });
}

function planTable(r: RoadmapExport): Table {
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: PLAN_HEADERS.map((h, i) => cell([h], PLAN_COLS[i], { bold: true, center: true })),
    }),
  ];
  r.stages.forEach((stage) => {
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [cell([stageHeading(stage)], TEXT_W, { bold: true, span: PLAN_COLS.length })],
      }),
    );
    stage.activities.forEach((a) => {
      rows.push(
        new TableRow({
          children: [
            cell([activityNumber(a)], PLAN_COLS[0], { center: true }),
            cell([a.title, ...a.details], PLAN_COLS[1]),
            cell(a.deadline?.text ? [a.deadline.text] : [], PLAN_COLS[2]),
            cell(a.responsible, PLAN_COLS[3]),
            cell(a.result ? [a.result] : [], PLAN_COLS[4]),
          ],
        }),
      );
    });
  });
  return new Table({
    rows,
    width: { size: TEXT_W, type: WidthType.DXA },
    columnWidths: PLAN_COLS,
    layout: TableLayoutType.FIXED,
  });
}

function indicatorsTable(r: RoadmapExport): Table {
  const years = indicatorYears(r.indicators);
  const numW = 900;
  const yearW = years.length > 0 ? Math.min(1600, Math.floor((TEXT_W - numW) / (years.length + 2))) : 0;
  const titleW = TEXT_W - numW - yearW * years.length;
  const widths = [numW, titleW, ...years.map(() => yearW)];
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: ['№ п/п', 'Наименование показателя', ...years].map((h, i) => cell([h], widths[i], { bold: true, center: true })),
  });
  const rows = r.indicators.map(
    (ind, i) =>
      new TableRow({
        cantSplit: true,
        children: [
          cell([String(i + 1)], numW, { center: true }),
          cell([ind.unit ? `${ind.title}, ${ind.unit}` : ind.title], titleW),
          ...years.map((y) => cell(ind.targets[y] === undefined ? [] : [ruNumber(ind.targets[y])], yearW, { center: true })),
        ],
      }),
  );
  return new Table({ rows: [header, ...rows], width: { size: TEXT_W, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED });
}

export async function exportDocx(r: RoadmapExport): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: PLAN_HEADING, bold: true, font: FONT, size: 28, color: '000000' })],
    }),
    ...subtitleLines(r).map((l) => para(l, { center: true })),
    para(''),
    planTable(r),
  ];
  if (r.indicators.length > 0) {
    children.push(
      para(''),
      new Paragraph({
        heading: HeadingLevel.HEADING_2,
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: INDICATORS_HEADING, bold: true, font: FONT, size: SIZE, color: '000000' })],
      }),
      indicatorsTable(r),
    );
  }
  const doc = new Document({
    creator: 'Tropa',
    title: r.title || PLAN_HEADING,
    subject: r.organisation ?? undefined,
    customProperties: [{ name: EXPORT_PROPERTY, value: encodeExportMeta({ title: r.title || PLAN_HEADING, organisation: r.organisation, period: r.period }) }],
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.LANDSCAPE },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        children,
      },
    ],
  });
  const buf = await Packer.toBuffer(doc);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
