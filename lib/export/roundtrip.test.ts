import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBoardDoc, readBoard, readMeta } from '../board/doc';
import { importRoadmap, importRoadmapText } from '../import';
import { roadmapToBoardInit } from '../import/to-board';
import type { ImportedRoadmap } from '../import/types';
import { exportDocx } from './docx';
import { boardToRoadmap } from './from-board';
import { exportXlsx } from './xlsx';
import { ROADMAPS_DIR } from '../../tests/fixtures/paths';

let n = 0;
const id = () => `id-${++n}`;

/** What a person sees of a board: column titles, and each card's title and fields, in order. */
function boardOf(r: ImportedRoadmap) {
  const doc = buildBoardDoc(roadmapToBoardInit(r, id));
  const view = readBoard(doc);
  return {
    doc,
    seen: {
      title: view.title,
      meta: readMeta(doc),
      columns: view.columns.map((c) => ({ title: c.title, cards: c.cards.map((k) => ({ title: k.title, description: k.description, fields: k.fields })) })),
    },
  };
}

describe.each(readdirSync(ROADMAPS_DIR).filter((f) => f.endsWith('.txt')))('export → import round trip of %s', (file) => {
  const original = importRoadmapText(readFileSync(path.join(ROADMAPS_DIR, file), 'utf8'));
  const board = boardOf(original);
  const plan = boardToRoadmap(readBoard(board.doc), readMeta(board.doc), 'Организация в Тропе');

  it.each([
    ['docx', exportDocx],
    ['xlsx', exportXlsx],
  ] as const)('as %s gives back the same board', async (format, exporter) => {
    const bytes = await exporter(plan);
    const back = await importRoadmap(bytes, `export.${format}`);
    // The heading names the organisation (the document's own, else the board's in Tropa).
    expect(back.organisation).toBe(original.organisation ?? 'Организация в Тропе');
    const again = boardOf({ ...back, organisation: original.organisation });
    expect(again.seen).toEqual(board.seen);
  });
});
