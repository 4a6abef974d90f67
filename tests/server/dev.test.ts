import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signIn, startServer, type RunningServer } from '../helpers/server';

// `npm run dev`: Next's development server inside ours. Its hot-reload socket must keep
// working through our upgrade dispatch, and /yjs must not be taken by Next.
describe('the development server', () => {
  let srv: RunningServer;
  beforeAll(async () => {
    srv = await startServer({}, 'server/dev.ts');
  });
  afterAll(async () => {
    await srv?.stop();
  });

  const firstMessage = (ws: WebSocket) =>
    new Promise<Buffer>((resolve, reject) => {
      ws.once('message', (data) => resolve(data as Buffer));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
      ws.once('close', (code) => reject(new Error(`closed ${code}`)));
      ws.once('error', reject);
    });

  it('serves hot reload and the Yjs endpoint on the same port', async () => {
    expect((await fetch(`${srv.url}/signin`)).status).toBe(200); // compiles, and Next hooks its upgrades
    const ws = (p: string, headers: Record<string, string> = {}) => new WebSocket(`${srv.url.replace('http', 'ws')}${p}`, { headers: { origin: srv.url, ...headers } });

    const hmr = ws('/_next/hmr');
    expect(JSON.parse(String(await firstMessage(hmr)))).toHaveProperty('type');
    hmr.close();

    const { cookie } = await signIn(srv.url, 'curator@demo.tropa', 'tropa-demo');
    const [board] = (await (await fetch(`${srv.url}/api/boards`, { headers: { cookie: cookie! } })).json()) as { id: string }[];
    const yjs = ws(`/yjs/${board.id}`, { cookie: cookie! });
    expect((await firstMessage(yjs))[0]).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(yjs.readyState).toBe(WebSocket.OPEN);
    yjs.close();
  }, 120_000);
});
