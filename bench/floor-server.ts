/**
 * The floor: a plain websocket room relay with no Yjs, no auth and no storage. It tells how
 * much of a latency number is the box and the load generator rather than Tavlen.
 */
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

const rooms = new Map<string, Set<WebSocket>>();
const server = createServer((_req, res) => res.end('floor'));
const wss = new WebSocketServer({ server });

wss.on('connection', (ws, req) => {
  const room = req.url ?? '/';
  const peers = rooms.get(room) ?? new Set<WebSocket>();
  rooms.set(room, peers);
  peers.add(ws);
  ws.on('message', (data, isBinary) => {
    for (const peer of peers) if (peer !== ws && peer.readyState === peer.OPEN) peer.send(data, { binary: isBinary });
  });
  ws.on('close', () => peers.delete(ws));
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const addr = server.address();
  console.log(JSON.stringify({ msg: 'listening', port: typeof addr === 'object' && addr ? addr.port : 0 }));
});
