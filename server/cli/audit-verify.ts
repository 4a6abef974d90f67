// `npm run audit:verify`: checks every audit hash chain and names the first broken row of each.
import { openDb } from '../../db/client';
import { verifyAuditChains } from '../../db/queries/audit';
import { pgErrorCode } from '../../db/errors';
import { dbTarget, loadConfig } from '../config';

try {
  const config = loadConfig();
  const handle = await openDb(dbTarget(config));
  const reports = await verifyAuditChains(handle.db);
  await handle.close();
  const broken = reports.filter((r) => r.broken);
  for (const r of broken) {
    console.log(`BROKEN ${r.chain}: first broken row id=${r.broken!.id} (${r.broken!.type}, ${r.broken!.at.toISOString()})`);
  }
  const rows = reports.reduce((n, r) => n + r.rows, 0);
  console.log(`${reports.length} chain(s), ${rows} row(s): ${broken.length ? `${broken.length} broken` : 'all intact'}`);
  process.exit(broken.length ? 1 : 0);
} catch (err) {
  if (pgErrorCode(err) === '42P01') {
    console.error('audit:verify: this database has no Tropa tables yet (run `npm run db:migrate` or start the server once)');
    process.exit(2);
  }
  console.error(`audit:verify failed: ${(err as Error).message}`);
  process.exit(2);
}
