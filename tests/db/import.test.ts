import { count, eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import * as Y from 'yjs';
import type { Db } from '../../db/client';
import { loadBoardState } from '../../db/queries/boards';
import { roadmapForExport } from '../../db/queries/export';
import { createBoardFromImport, orgIdBySlug } from '../../db/queries/import';
import { auditEvents, boards } from '../../db/schema';
import { seedDemo } from '../../db/seed-demo';
import { readBoard, readMeta } from '../../lib/board/doc';
import type { ImportedRoadmap } from '../../lib/import/types';
import { demoPrincipal, testDatabases, useTestDb } from '../helpers/db';

const roadmap: ImportedRoadmap = {
  title: 'План мероприятий (дорожная карта) внедрения целевой модели наставничества',
  organisation: 'МБОУ «Гимназия № 73»',
  period: { from: '2022', to: '2024' },
  stages: [
    {
      number: '1',
      title: 'Нормативное правовое регулирование',
      activities: [
        {
          number: '1.1',
          title: 'Разработка положения о наставничестве',
          details: ['цель и задачи', 'формы наставничества'],
          result: 'Положение о наставничестве',
          responsible: ['Андропова Л. А.', 'рабочая группа'],
          deadline: { text: 'до 30.08.2022', start: null, end: '2022-08-30', recurrence: 'once' },
        },
      ],
    },
    {
      number: null,
      title: 'Мониторинг',
      activities: [
        {
          number: null,
          title: 'Внутренний мониторинг',
          details: [],
          result: null,
          responsible: [],
          deadline: { text: 'Декабрь, июнь', start: '2022-12-01', end: '2024-06-30', recurrence: 'semiannual' },
        },
      ],
    },
  ],
  indicators: [{ title: 'Доля молодых специалистов с наставником', unit: '%', targets: { '2022': 100, '2023': 100 } }],
  warnings: [],
};

describe.each(testDatabases())('roadmap import into a board on $name', (target) => {
  const t = useTestDb(target);

  const as = demoPrincipal;
  async function school(db: Db) {
    await seedDemo(db, 'password-1');
    return (await orgIdBySlug(db, 'novograd-school-7'))!;
  }

  t('a curator creates a board: stages become columns, activities cards with every field; the audit says it was imported', async (db) => {
    const orgId = await school(db);
    const board = await createBoardFromImport(db, await as(db, 'curator'), orgId, roadmap, { filename: 'plan.docx' });
    expect(board).toMatchObject({ kind: 'roadmap', title: roadmap.title, periodFrom: 2022, periodTo: 2024, orgId });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await loadBoardState(db, board.id));
    const view = readBoard(doc);
    expect(view.columns.map((c) => c.title)).toEqual(['1. Нормативное правовое регулирование', 'Мониторинг']);
    const card = view.columns[0].cards[0];
    expect(card).toMatchObject({ title: 'Разработка положения о наставничестве', description: 'цель и задачи\nформы наставничества' });
    expect(card.fields).toMatchObject({
      number: '1.1',
      result: 'Положение о наставничестве',
      responsible: ['Андропова Л. А.', 'рабочая группа'],
      deadline: { text: 'до 30.08.2022', start: null, end: '2022-08-30', recurrence: 'once' },
      status: 'todo',
    });
    expect(readMeta(doc)).toMatchObject({ organisation: 'МБОУ «Гимназия № 73»', indicators: roadmap.indicators });
    const [created] = await db.select().from(auditEvents).where(eq(auditEvents.boardId, board.id));
    expect(created.type).toBe('board.created');
    expect(created.after).toMatchObject({ source: { kind: 'import', filename: 'plan.docx', stages: 2, activities: 2 } });
  });

  t('the export reads the board back as the same plan', async (db) => {
    const orgId = await school(db);
    const curator = await as(db, 'curator');
    const board = await createBoardFromImport(db, curator, orgId, roadmap);
    const { roadmap: back } = await roadmapForExport(db, await as(db, 'head'), board.id);
    const { warnings: _w, ...expected } = roadmap;
    expect(back).toEqual(expected);
  });

  t('who may not create boards is refused, and a malformed roadmap is refused whole: nothing is created', async (db) => {
    const orgId = await school(db);
    const [{ n: before }] = await db.select({ n: count() }).from(boards);
    for (const role of ['member', 'viewer', 'mentor', 'head'] as const) {
      await expect(createBoardFromImport(db, await as(db, role), orgId, roadmap)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const curator = await as(db, 'curator');
    await expect(createBoardFromImport(db, curator, orgId, { ...roadmap, stages: [] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(createBoardFromImport(db, curator, orgId, { ...roadmap, title: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(createBoardFromImport(db, curator, orgId, { ...roadmap, period: { from: '2025', to: '2022' } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(createBoardFromImport(db, curator, '00000000-0000-0000-0000-000000000000', roadmap)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(createBoardFromImport(db, curator, orgId, 'not a roadmap')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const [{ n: after }] = await db.select({ n: count() }).from(boards);
    expect(after).toBe(before);
  });

  t('a pairs board is not exported as a plan', async (db) => {
    await school(db);
    const head = await as(db, 'head');
    const [pairs] = await db.select().from(boards).where(eq(boards.kind, 'pairs'));
    await expect(roadmapForExport(db, head, pairs.id)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
