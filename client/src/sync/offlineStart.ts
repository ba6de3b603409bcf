import { MeResponseSchema, type MeResponse } from '../../../shared/index.js';
import { BoardConfigResponseSchema, type BoardConfigResponse } from '../../../shared/protocol/config.js';
import { ApiError } from '../api';

/*
 * Starting without the network (issue #16, N7; docs/security.md "Offline start"): the answers
 * the app needs before it can show a board — who am I, the board's configuration — are kept
 * from the last time they were fetched, and used only when the server cannot be reached.
 * They name the person and her teams, never a citizen; the board itself comes from the
 * offline copy (y-indexeddb, or the wall's projection cache). Sign-out and a refused session
 * (401) delete them with the copies (offlineCopies.ts), so a signed-out device starts at
 * the login page.
 */

const ME_KEY = 'tavlen-me';
const CONFIG_PREFIX = 'tavlen-config:';
/** When each board was last live on this device (epoch ms), for "Ikke live siden kl. …". */
const LIVE_PREFIX = 'tavlen-live:';

function read(key: string): unknown {
  try {
    const raw = globalThis.localStorage?.getItem(key);
    return raw ? (JSON.parse(raw) as unknown) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(key, JSON.stringify(value));
  } catch {
    // private mode or storage full: the app still works online, just not from a cold offline start
  }
}

/** The server could not be reached (no network, server down behind a proxy): not a "no". */
export function isUnreachable(err: unknown): boolean {
  return (
    err instanceof ApiError && (err.status === 0 || err.status === 502 || err.status === 503 || err.status === 504)
  );
}

export function rememberMe(me: MeResponse): void {
  write(ME_KEY, me);
}

export function rememberedMe(): MeResponse | null {
  const parsed = MeResponseSchema.safeParse(read(ME_KEY));
  return parsed.success ? parsed.data : null;
}

export function rememberConfig(boardId: string, config: BoardConfigResponse): void {
  write(CONFIG_PREFIX + boardId, config);
}

export function rememberedConfig(boardId: string): BoardConfigResponse | null {
  const parsed = BoardConfigResponseSchema.safeParse(read(CONFIG_PREFIX + boardId));
  return parsed.success ? parsed.data : null;
}

export function recordLive(boardId: string, at: number = Date.now()): void {
  write(LIVE_PREFIX + boardId, at);
}

/** When the board was last live on this device, or null if never (or unknown). */
export function lastLive(boardId: string): number | null {
  const v = read(LIVE_PREFIX + boardId);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Removes every start-up answer and live time (sign-out, a refused session, another person). */
export function forgetStartup(): void {
  try {
    const storage = globalThis.localStorage;
    if (!storage) return;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k && (k === ME_KEY || k.startsWith(CONFIG_PREFIX) || k.startsWith(LIVE_PREFIX))) keys.push(k);
    }
    for (const k of keys) storage.removeItem(k);
  } catch {
    // nothing stored
  }
}
