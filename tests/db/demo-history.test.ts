import * as Y from 'yjs';
import { eq } from 'drizzle-orm';
import { describe, expect } from 'vitest';
import { boardAsOf } from '../../db/queries/board-history';
import { loadBoardState } from '../../db/queries/boards';
import { listOrgAudit } from '../../db/queries/org-audit';
import { boards, boardUpdates } from '../../db/schema';
import { seedDemo } from '../../db/seed-demo';
import { DEMO_ROADMAP_STAGES, DEMO_ROADMAP_TITLE } from '../../lib/demo/content';
import { DEMO_DROPPED_ACTIVITY } from '../../lib/demo/history';
import { liveView, type AsOfView } from '../../lib/history/replay';
import { demoPrincipal, testDatabases, useTestDb } from '../helpers/db';

// The demo roadmap has a past (lib/demo/history.ts): what the board looked like a week ago is
// rebuilt from its trail, and today it is exactly the demo roadmap.
const DAY = 86_400_000;
const titles = (v: AsOfView) => v.columns.flatMap((c) => c.cards.map((card) => card.title));
const cardOf = (v: AsOfView, title: string) => v.columns.flatMap((c) => c.cards).find((card) => card.title === title);

describe.each(testDatabases())('the demo roadmap’s history ($name)', (target) => {
  const t = useTestDb(target);

  t('replays to the board as it is, and a week ago shows the board before the recent edits', async (db) => {
    await seedDemo(db, 'tropa-demo');
    const head = await demoPrincipal(db, 'head');
    const [board] = await db.select().from(boards).where(eq(boards.title, DEMO_ROADMAP_TITLE));
    // The Yjs log is folded into a snapshot, as compaction would have done: only the trail knows the past.
    expect(await db.select().from(boardUpdates).where(eq(boardUpdates.boardId, board.id))).toEqual([]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await loadBoardState(db, board.id));
    const now = liveView(doc);

    // Today: the trail rebuilds the board exactly, and the dropped activity is gone.
    expect((await boardAsOf(db, head, board.id, new Date())).columns).toEqual(now.columns);
    // …and it is the demo roadmap, stage by stage and activity by activity, as other tests expect it.
    expect(now.columns.map((c) => [c.title, c.cards.map((card) => [card.title, card.fields.deadline, card.fields.status])])).toEqual(
      DEMO_ROADMAP_STAGES.map((s) => [s.title, s.activities.map((a) => [a.title, { text: a.deadline }, a.status])]),
    );

    // A week ago: the consents' old deadline, the stage's old name, no methodical support yet, nothing dropped yet two days before.
    const weekAgo = await boardAsOf(db, head, board.id, new Date(Date.now() - 7 * DAY));
    expect(cardOf(weekAgo, 'Сбор согласий на обработку персональных данных')?.fields.deadline).toEqual({ text: 'до 30.09.2026' });
    expect(cardOf(now, 'Сбор согласий на обработку персональных данных')?.fields.deadline).toEqual({ text: 'до 10.10.2026' });
    expect(weekAgo.columns.map((c) => c.title)).toContain('Формирование наставнических пар');
    expect(titles(weekAgo)).not.toContain('Методическое сопровождение наставников');
    expect(titles(weekAgo)).not.toContain(DEMO_DROPPED_ACTIVITY);
    expect(titles(await boardAsOf(db, head, board.id, new Date(Date.now() - 10 * DAY)))).toContain(DEMO_DROPPED_ACTIVITY);
    // Before its creation three weeks ago there was no board.
    expect((await boardAsOf(db, head, board.id, new Date(Date.now() - 30 * DAY))).eventId).toBeNull();

    // The municipality's head reads who did it, on the board's filter.
    const edits = await listOrgAudit(db, head, head.memberships[0].orgId, { boardId: board.id, type: 'card.*', limit: 50 });
    expect(edits.events.map((e) => e.type)).toEqual(expect.arrayContaining(['card.updated', 'card.moved', 'card.deleted', 'card.created']));
    expect(new Set(edits.events.map((e) => e.actor.name))).toEqual(new Set(['Ирина Сергеевна Корнилова', 'Ольга Петровна Смирнова']));
  });
});
