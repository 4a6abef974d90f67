// Hocuspocus with its database extension storing documents in the same Postgres.
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL!, { max: 5, onnotice: () => {} });
await sql`create table if not exists hocuspocus_documents (name text primary key, data bytea not null)`;
const server = new Server({
  port: 0,
  quiet: true,
  extensions: [
    new Database({
      fetch: async ({ documentName }) => {
        const [row] = await sql<{ data: Uint8Array }[]>`select data from hocuspocus_documents where name = ${documentName}`;
        return row?.data ?? null;
      },
      store: async ({ documentName, state }) => {
        await sql`insert into hocuspocus_documents (name, data) values (${documentName}, ${state})
                  on conflict (name) do update set data = excluded.data`;
      },
    }),
  ],
});
await server.listen();
console.log(`listening on ws://127.0.0.1:${(server.httpServer.address() as { port: number }).port}`);
