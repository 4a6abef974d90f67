// Idle connections: memory per connection. One client per board first (so each board is
// loaded), then the rest; the server's RSS growth over those is the cost of a connection.
import { createScratchDatabase } from '../../tests/helpers/db';
import { sample } from '../proc';
import { PEERS, type Client } from '../servers';
import { adminUrl, inWaves, sleep, type Row, type ScenarioResult } from './common';

export async function idleScenario(connections: number, boards: number): Promise<ScenarioResult> {
  const rows: Row[] = [];
  for (const [name, make] of PEERS) {
    const db = await createScratchDatabase(adminUrl());
    const peer = await make(db.url);
    const clients: Client[] = [];
    try {
      const ids = await peer.boards(boards);
      const started = sample(peer.pid);
      const firsts = ids.map((id) => peer.connect(id));
      clients.push(...firsts);
      await Promise.all(firsts.map((c) => c.synced));
      await sleep(2000);
      const before = sample(peer.pid);
      const rest = Array.from({ length: connections - boards }, (_, i) => ids[i % boards]);
      const t0 = performance.now();
      await inWaves(rest, 100, async (id) => {
        const c = peer.connect(id);
        clients.push(c);
        await c.synced;
      });
      const connectSeconds = (performance.now() - t0) / 1000;
      await sleep(3000); // settle: the last syncs and awareness, allocation after them
      const after = sample(peer.pid);
      const idleCpu0 = sample(peer.pid);
      await sleep(5000);
      const idleCpu1 = sample(peer.pid);
      rows.push({
        scenario: 'idle',
        server: name,
        figures: {
          kibPerConnection: (after.rssB - before.rssB) / 1024 / rest.length,
          connections: clients.length,
          rssBeforeMiB: before.rssB / 2 ** 20,
          rssAfterMiB: after.rssB / 2 ** 20,
          rssEmptyMiB: started.rssB / 2 ** 20,
          connectsPerSecond: rest.length / connectSeconds,
          idleCpuPercent: ((idleCpu1.cpuS - idleCpu0.cpuS) / 5) * 100,
        },
      });
      console.error(`idle · ${name}: ${rows.at(-1)!.figures.kibPerConnection!.toFixed(1)} KiB/conn`);
    } finally {
      for (const c of clients) c.close();
      await peer.stop();
      await db.drop();
    }
  }
  return {
    title: `${connections} idle connections on ${boards} boards`,
    columns: [
      { key: 'kibPerConnection', label: 'KiB/conn', digits: 1 },
      { key: 'connections', label: 'conns', digits: 0 },
      { key: 'rssEmptyMiB', label: 'RSS empty MiB', digits: 0 },
      { key: 'rssBeforeMiB', label: `RSS ${boards} conns MiB`, digits: 0 },
      { key: 'rssAfterMiB', label: `RSS ${connections} conns MiB`, digits: 0 },
      { key: 'connectsPerSecond', label: 'connects/s', digits: 0 },
      { key: 'idleCpuPercent', label: 'idle CPU %', digits: 1 },
    ],
    rows,
  };
}
