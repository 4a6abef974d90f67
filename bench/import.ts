// `npx tsx bench/import.ts [activities]`: how long the roadmap import takes, from bytes to
// the normalised roadmap, for the real fixtures and for generated plans of growing size.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { exportDocx } from '../lib/export/docx';
import { exportXlsx } from '../lib/export/xlsx';
import { importRoadmap } from '../lib/import';
import { activityCount, type ImportedStage } from '../lib/import/types';
import { STANDARD_STAGES } from '../lib/board/templates';
import { ROADMAPS_DIR } from '../tests/fixtures/paths';


async function time(label: string, bytes: Uint8Array, name: string, runs = 3) {
  const ms: number[] = [];
  let activities = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await importRoadmap(bytes, name);
    ms.push(performance.now() - t0);
    activities = activityCount(r);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(34)} ${(bytes.byteLength / 1024).toFixed(0).padStart(6)} KiB ${String(activities).padStart(5)} activities  median ${ms[Math.floor(ms.length / 2)]!.toFixed(0)} ms`);
}

function plan(total: number): ImportedStage[] {
  return STANDARD_STAGES.map((title, s) => ({
    number: String(s + 1),
    title,
    activities: Array.from({ length: Math.ceil(total / STANDARD_STAGES.length) }, (_, i) => ({
      number: `${s + 1}.${i + 1}`,
      title: `Мероприятие ${s + 1}.${i + 1}: проведение анкетирования наставляемых и сбор согласий на обработку персональных данных`,
      details: ['информирование родителей', 'сбор запросов наставляемых'],
      result: 'Аналитическая справка',
      responsible: ['Куратор программы', 'МБУ «ЦРО», рабочая группа'],
      deadline: { text: 'до 15.10. ежегодно (в период с 2022 по 2024 г.г.)', start: null, end: null, recurrence: 'once' as const },
    })),
  }));
}

for (const f of readdirSync(ROADMAPS_DIR).filter((x) => x.endsWith('.txt'))) await time(f, readFileSync(path.join(ROADMAPS_DIR, f)), f);
for (const n of [100, 1000, Number(process.argv[2] ?? 5000)]) {
  const r = { title: 'План мероприятий (дорожная карта)', organisation: 'МБОУ «СОШ № 1»', period: { from: '2022', to: '2024' }, stages: plan(n), indicators: [] };
  await time(`generated DOCX, ${n} activities`, await exportDocx(r), 'plan.docx');
  await time(`generated XLSX, ${n} activities`, await exportXlsx(r), 'plan.xlsx');
}
