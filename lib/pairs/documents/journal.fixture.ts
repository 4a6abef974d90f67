import type { Goal, MeetingRecord, PairSummary } from '../types';
import type { MentorJournalInput } from './types';

// A mentor with a finished pair and a group still meeting: full PairSummary and MeetingRecord
// objects, as the routes will pass them.

const mentor = { personId: 'p-mentor', side: 'mentor' as const, name: 'Смирнова Елена Павловна', positionOrClass: 'учитель математики', userId: 'u-1' };

export const pair1: PairSummary = {
  id: 'pair-1',
  orgId: 'org-1',
  boardId: 'board-1',
  number: 1,
  form: 'учитель – учитель',
  roleModel: 'опытный педагог – молодой специалист',
  rhythmDays: 14,
  startedOn: '2025-09-15',
  stage: 'done',
  status: 'completed',
  endedOn: '2026-05-25',
  endReason: null,
  order: { number: '112-о', date: '2025-09-15' },
  mentor,
  mentees: [{ personId: 'p-volkov', side: 'mentee', name: 'Волков Илья Андреевич', positionOrClass: 'учитель математики', userId: null }],
  meetingsHeld: 3,
  lastMeetingOn: '2026-05-25',
  stalled: false,
  mine: true,
  consentWithdrawn: false,
};

export const group2: PairSummary = {
  ...pair1,
  id: 'pair-2',
  number: 2,
  form: 'учитель – ученик',
  roleModel: null,
  startedOn: '2025-10-01',
  stage: 'regular',
  status: 'active',
  endedOn: null,
  order: null,
  mentees: [
    { personId: 'p-zaitsev', side: 'mentee', name: 'Зайцев Максим', positionOrClass: '7 «Б» класс', userId: 'u-2' },
    { personId: 'p-belova', side: 'mentee', name: 'Белова Софья', positionOrClass: '7 «Б» класс', userId: null },
  ],
  meetingsHeld: 2,
  lastMeetingOn: '2025-11-12',
};

const meeting = (m: Partial<MeetingRecord> & Pick<MeetingRecord, 'id' | 'pairId' | 'kind' | 'heldOn'>): MeetingRecord => ({
  format: 'in_person',
  summary: null,
  nextSteps: null,
  mentorRating: null,
  reason: null,
  recordedBy: 'u-1',
  recordedByName: 'Смирнова Е. П.',
  feedback: [],
  createdAt: `${m.heldOn}T12:00:00Z`,
  ...m,
});

// Given out of order: the journal prints them by date.
export const meetings1: MeetingRecord[] = [
  meeting({
    id: 'm-3',
    pairId: 'pair-1',
    kind: 'final',
    heldOn: '2026-05-25',
    summary: 'Подведены итоги года',
    mentorRating: 10,
    feedback: [{ personId: 'p-volkov', rating: 9, comment: 'Спасибо за поддержку', at: '2026-05-26T08:00:00Z' }],
  }),
  meeting({
    id: 'm-1',
    pairId: 'pair-1',
    kind: 'intro',
    heldOn: '2025-09-16',
    summary: 'Знакомство, обсуждение запроса',
    nextSteps: 'Посетить урок наставника',
    mentorRating: 8,
    feedback: [{ personId: 'p-volkov', rating: 7, comment: null, at: '2025-09-17T08:00:00Z' }],
  }),
  meeting({
    id: 'm-2',
    pairId: 'pair-1',
    kind: 'planning',
    heldOn: '2025-10-01',
    format: 'remote',
    summary: 'Составлен план',
    reason: 'Пробная встреча совмещена со знакомством',
    mentorRating: 9,
  }),
];

export const goals1: Goal[] = [
  { id: 'g-1', text: 'Провести открытый урок', reached: true },
  { id: 'g-2', text: 'Подготовить ученика к олимпиаде', reached: false },
];

export const meetings2: MeetingRecord[] = [
  meeting({
    id: 'm-5',
    pairId: 'pair-2',
    kind: 'regular',
    heldOn: '2025-11-12',
    summary: 'Разбор задач',
    mentorRating: 7,
    feedback: [
      { personId: 'p-zaitsev', rating: 8, comment: 'Интересно', at: '2025-11-12T15:00:00Z' },
      { personId: 'p-belova', rating: 6, comment: null, at: '2025-11-13T15:00:00Z' },
    ],
  }),
  meeting({ id: 'm-4', pairId: 'pair-2', kind: 'intro', heldOn: '2025-10-02' }),
];

export const journalInput: MentorJournalInput = {
  orgName: 'МБОУ «СОШ № 5»',
  mentorName: 'Смирнова Елена Павловна',
  // given with the group first: the journal prints pairs by number
  pairs: [
    { pair: group2, meetings: meetings2, goals: [] },
    { pair: pair1, meetings: meetings1, goals: goals1 },
  ],
  generatedOn: '2026-05-30',
};
