// The classic y-websocket server (@y/websocket-server 0.1.1, the last for yjs 13), in memory.
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const server = http.createServer();
const wss = new WebSocketServer({ server });
wss.on('connection', (ws, req) => setupWSConnection(ws, req));
server.listen(0, '127.0.0.1', () => console.log(`listening on ws://127.0.0.1:${(server.address() as { port: number }).port}`));
