import type * as Y from 'yjs';
import type { BoardInit, ColumnInit } from '../board/doc';
import { addCard, moveCard, removeCard, renameColumn, setCardText, updateCard } from '../board/ops';

/*
 * The demo roadmap's past (issue 15): so that a head trying the demo finds a history to review
 * and a board that looked different last week. The board is created three weeks ago in an
 * EARLIER version of the demo roadmap; the working group's dated edits then bring it, step by
 * step, to exactly the demo roadmap of lib/demo/content.ts (so everything else that reads the
 * demo board finds it as before). Pure: the seed (db/seed-demo.ts) stores the steps with
 * db/board-writer-offline.ts writeDatedEditsOffline.
 */
export type DemoRole = 'curator' | 'member';
export type DemoStep = { daysAgo: number; time: string; role: DemoRole; apply: (doc: Y.Doc) => void };

/** An activity of the site that the working group later dropped: deleted nine days ago. */
export const DEMO_DROPPED_ACTIVITY = 'Создание раздела «Наставничество» на сайте ОО';
const DROPPED_ID = 'demo-dropped-activity';

const find = (columns: readonly ColumnInit[], title: string) => {
  for (const [c, column] of columns.entries()) {
    const i = column.cards.findIndex((card) => card.title === title);
    if (i >= 0) return { c, i, card: column.cards[i] };
  }
  throw new Error(`demo history: no activity «${title}»`);
};

/** The demo roadmap (its final state) → the board three weeks ago, and the steps since. */
export function demoRoadmapPast(final: BoardInit): { initial: BoardInit; steps: DemoStep[] } {
  const columns: ColumnInit[] = final.columns.map((c) => ({ ...c, cards: c.cards.map((card) => ({ ...card, fields: { ...card.fields } })) }));
  const steps: DemoStep[] = [];

  // 1. The statute's activity: a shorter title, an earlier deadline, in progress; a member edits
  // all three within three minutes (one grouped entry in the history).
  const statute = find(final.columns, 'Разработка и утверждение Положения о наставничестве');
  // The past version is edited by title (indices shift as cards are taken out below).
  const past = (title: string) => {
    const { c, i } = find(columns, title);
    return columns[c].cards[i];
  };
  const statutePast = past(statute.card.title);
  statutePast.title = 'Разработка Положения о наставничестве';
  statutePast.fields = { ...statutePast.fields, deadline: { text: 'до 01.09.2026' }, status: 'in_progress' };
  steps.push(
    { daysAgo: 20, time: '10:02', role: 'member', apply: (doc) => setCardText(doc, statute.card.id!, 'title', statute.card.title) },
    { daysAgo: 20, time: '10:03', role: 'member', apply: (doc) => updateCard(doc, statute.card.id!, { deadline: statute.card.fields!.deadline as { text: string } }) },
    { daysAgo: 20, time: '10:05', role: 'member', apply: (doc) => updateCard(doc, statute.card.id!, { status: statute.card.fields!.status as string }) },
  );

  // 2. The survey of mentees' requests stood in the first stage; the curator moves it to its own.
  const survey = find(final.columns, 'Анкетирование для выявления запросов наставляемых');
  const surveyAt = find(columns, survey.card.title);
  const [surveyCard] = columns[surveyAt.c].cards.splice(surveyAt.i, 1);
  columns[0].cards.push(surveyCard);
  const surveyColumn = final.columns[survey.c].id;
  steps.push({ daysAgo: 14, time: '15:40', role: 'curator', apply: (doc) => moveCard(doc, survey.card.id!, surveyColumn, survey.i) });

  // 3. An activity the working group dropped.
  columns[0].cards.push({ id: DROPPED_ID, title: DEMO_DROPPED_ACTIVITY, description: 'Страница с Положением, программой и контактами куратора.', fields: { deadline: { text: 'Октябрь 2026 г.' }, responsible: ['Рабочая группа'], result: 'Раздел на сайте', status: 'todo' } });
  steps.push({ daysAgo: 9, time: '11:15', role: 'curator', apply: (doc) => removeCard(doc, DROPPED_ID) });

  // 4. The pairs stage was named for pairs only; the curator adds groups.
  const pairsStage = final.columns.findIndex((c) => c.title === 'Формирование наставнических пар/групп');
  columns[pairsStage].title = 'Формирование наставнических пар';
  steps.push({ daysAgo: 5, time: '09:30', role: 'curator', apply: (doc) => renameColumn(doc, final.columns[pairsStage].id, final.columns[pairsStage].title) });

  // 5. Methodical support for mentors: added two days ago.
  const support = find(final.columns, 'Методическое сопровождение наставников');
  const supportAt = find(columns, support.card.title);
  columns[supportAt.c].cards.splice(supportAt.i, 1);
  steps.push({
    daysAgo: 2,
    time: '16:20',
    role: 'member',
    apply: (doc) =>
      addCard(doc, {
        id: support.card.id,
        columnId: final.columns[support.c].id,
        title: support.card.title,
        description: support.card.description,
        index: support.i,
        fields: support.card.fields as Parameters<typeof addCard>[1]['fields'],
      }),
  });

  // 6. The consents' deadline moved yesterday.
  const consents = find(final.columns, 'Сбор согласий на обработку персональных данных');
  const consentsPast = past(consents.card.title);
  consentsPast.fields = { ...consentsPast.fields, deadline: { text: 'до 30.09.2026' } };
  steps.push({ daysAgo: 1, time: '12:10', role: 'curator', apply: (doc) => updateCard(doc, consents.card.id!, { deadline: consents.card.fields!.deadline as { text: string } }) });

  return { initial: { ...final, columns }, steps };
}

/** The moment of a step: `daysAgo` days before `now`, at its Moscow time of day. */
export function demoMoment(now: Date, daysAgo: number, time: string): Date {
  const moscowToday = new Date(now.getTime() + 3 * 3600_000).toISOString().slice(0, 10);
  const day = new Date(Date.parse(`${moscowToday}T00:00:00Z`) - daysAgo * 86_400_000).toISOString().slice(0, 10);
  return new Date(`${day}T${time}:00+03:00`);
}
