/**
 * Hocuspocus with its SQLite extension (debounced persistence: Hocuspocus's defaults of
 * 2 s debounce, 10 s at most) and a trivial auth hook that checks one shared token.
 * Hocuspocus closes a socket that sent nothing for `timeout` (60 s); real providers keep it
 * open with awareness renewals every 15 s, which the bench's clients do not send (no server
 * gets presence traffic), so the idle timeout is raised instead — it costs nothing per edit.
 */
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const token = process.env.HOCUSPOCUS_TOKEN ?? 'bench-token';
const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: '127.0.0.1',
  quiet: true,
  timeout: 3_600_000,
  extensions: [new SQLite({ database: process.env.HOCUSPOCUS_DB ?? ':memory:' })],
  onAuthenticate: async (data: { token: string }) => {
    if (data.token !== token) throw new Error('not authorized');
  },
});
await server.listen();
console.log(JSON.stringify({ msg: 'listening', port: server.address.port }));
