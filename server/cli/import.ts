// `npm run import -- <file> [--json] [--org <slug>]`: a roadmap document → the normalised
// roadmap (--json prints it and touches no database) or a new board in an organisation.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { activityCount, importRoadmap, isImportError, type ImportedRoadmap } from '../../lib/import';
import { isAppError } from '../../lib/errors';

const USAGE = `Использование (usage):
  npm run --silent import -- <файл> --json        разобрать документ и вывести JSON (база данных не нужна)
  npm run import -- <файл> --org <slug>           создать доску «дорожная карта» в организации
  npm run import -- <файл>                        показать, что найдено в документе
Поддерживаются .docx, .xlsx, .csv и текст (.txt), скопированный из Word.`;

function summary(r: ImportedRoadmap): string {
  const lines = [`«${r.title}»`, `организация: ${r.organisation ?? '—'}; период: ${r.period ? `${r.period.from}–${r.period.to}` : '—'}`];
  for (const s of r.stages) lines.push(`  ${s.number ? `${s.number}. ` : ''}${s.title}: ${s.activities.length} мероприят.`);
  if (r.indicators.length) lines.push(`показатели: ${r.indicators.length}`);
  for (const w of r.warnings) lines.push(`  ! ${w}`);
  return lines.join('\n');
}

async function createOnBoard(r: ImportedRoadmap, slug: string, filename: string): Promise<string> {
  const { dbTarget, loadConfig } = await import('../config');
  const { openDb } = await import('../../db/client');
  const { migrateDb } = await import('../../db/migrate');
  const { createBoardFromImport, orgIdBySlug } = await import('../../db/queries/import');
  const { SYSTEM } = await import('../../db/queries/organisations');
  const config = loadConfig();
  const handle = await openDb(dbTarget(config));
  try {
    await migrateDb(handle);
    const orgId = await orgIdBySlug(handle.db, slug);
    if (!orgId) throw new Error(`организация «${slug}» не найдена (organisation not found)`);
    const board = await createBoardFromImport(handle.db, SYSTEM, orgId, r, { filename });
    return board.id;
  } finally {
    await handle.close();
  }
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ allowPositionals: true, options: { json: { type: 'boolean' }, org: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const file = args.positionals[0];
  if (args.values.help || !file) {
    console.error(USAGE);
    return args.values.help ? 0 : 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (err) {
    console.error(`Не удалось открыть файл ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'файл не найден' : (err as Error).message}`);
    return 1;
  }
  let roadmap: ImportedRoadmap;
  try {
    roadmap = await importRoadmap(bytes, path.basename(file));
  } catch (err) {
    if (isImportError(err)) {
      console.error(`${file}: ${err.message} [${err.code}]`);
      return 1;
    }
    throw err;
  }
  if (args.values.json) {
    process.stdout.write(`${JSON.stringify(roadmap, null, 2)}\n`);
    return 0;
  }
  if (!args.values.org) {
    console.log(summary(roadmap));
    return 0;
  }
  try {
    const id = await createOnBoard(roadmap, args.values.org, path.basename(file));
    const activities = activityCount(roadmap);
    console.log(`Доска создана: «${roadmap.title}» — ${roadmap.stages.length} этапов, ${activities} мероприятий. /boards/${id}`);
    for (const w of roadmap.warnings) console.error(`  ! ${w}`);
    return 0;
  } catch (err) {
    const message = isAppError(err) ? `${err.code}: ${err.message}` : (err as Error).message;
    console.error(`Не удалось создать доску: ${message}`);
    return 1;
  }
}

process.exitCode = await main();
