// One cold load of a board through Tropa's room load path, in a process of its own, so the
// cold scenario can give up on it after a time limit (a 100,000-row log takes minutes):
// `tsx bench/scenarios/cold-load-once.ts <databaseUrl> <boardId>` prints the timings as JSON.
import { openDb } from '../../db/client';
import { loadPath } from './cold-path';

const [databaseUrl, boardId] = process.argv.slice(2);
const handle = await openDb({ databaseUrl });
console.log(JSON.stringify(await loadPath(handle, boardId)));
await handle.close();
process.exit(0);
