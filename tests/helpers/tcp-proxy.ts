import { createScratchDatabase } from './db';
import net from 'node:net';

/** A TCP proxy the test controls: `cut()` drops every connection and refuses new ones until `restore()`. */
export async function startTcpProxy(target: { host: string; port: number }) {
  let up = true;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!up) return client.destroy();
    const upstream = net.connect(target.port, target.host);
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      up = false;
      for (const s of open) s.destroy();
      open.clear();
    },
    restore() {
      up = true;
    },
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), open.forEach((s) => s.destroy()))),
  };
}

/**
 * A scratch Postgres database (made from `adminUrl`, dropped by `close`) that the server
 * reaches through a proxy the test can cut: `url` goes through the proxy, `directUrl` not.
 */
export async function scratchDatabaseBehindProxy(adminUrl: string) {
  const scratch = await createScratchDatabase(adminUrl);
  const direct = new URL(scratch.url);
  const proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const viaProxy = new URL(scratch.url);
  viaProxy.port = String(proxy.port);
  return {
    url: viaProxy.toString(),
    directUrl: scratch.url,
    proxy,
    async close() {
      await proxy.close();
      await scratch.drop();
    },
  };
}
