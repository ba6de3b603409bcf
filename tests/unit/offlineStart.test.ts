import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../client/src/api.js';
import type { MeResponse } from '../../shared/index.js';
import {
  forgetStartup,
  isUnreachable,
  lastLive,
  recordLive,
  rememberMe,
  rememberedMe,
} from '../../client/src/sync/offlineStart.js';
import { clearWallCopies, clearWallCopy, loadWallCopy, saveWallCopy } from '../../client/src/sync/wallCache.js';

/*
 * What a device keeps for a start without the network (issue #16, N7): the last /api/me answer
 * and live time (offlineStart.ts) and the wall's last projection (wallCache.ts), in an
 * in-memory localStorage.
 */

class MemoryStorage {
  private readonly map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
  keys() {
    return [...this.map.keys()];
  }
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('localStorage', storage);
});
afterEach(() => vi.unstubAllGlobals());

const me: MeResponse = {
  user: {
    id: 'u-anne',
    username: 'anne',
    name: 'Anne Holm',
    role: 'ssh',
    lang: 'da',
    teamIds: ['team-nord'],
    color: '#0b5394',
  },
  teams: [{ id: 'team-nord', name: 'Team Nord', boardId: 'tavle-nord' }],
};

describe('start-up answers for an offline start', () => {
  it('only an unreachable server counts: no network or a proxy without its server, never a 401 or 403', () => {
    expect(isUnreachable(new ApiError('network', 0, 'network'))).toBe(true);
    expect(isUnreachable(new ApiError('internal', 502, 'Bad Gateway'))).toBe(true);
    expect(isUnreachable(new ApiError('internal', 503, 'x'))).toBe(true);
    expect(isUnreachable(new ApiError('unauthenticated', 401, 'x'))).toBe(false);
    expect(isUnreachable(new ApiError('forbidden', 403, 'x'))).toBe(false);
    expect(isUnreachable(new Error('x'))).toBe(false);
  });

  it('remembers who was signed in, validated on the way back; forgetStartup deletes it and the live times', () => {
    rememberMe(me);
    expect(rememberedMe()).toEqual(me);
    storage.setItem('tavlen-me', '{"user":{"id":"u-x"}}');
    expect(rememberedMe()).toBeNull();
    storage.setItem('tavlen-me', 'not json');
    expect(rememberedMe()).toBeNull();

    recordLive('tavle-nord', 1_700_000_000_000);
    expect(lastLive('tavle-nord')).toBe(1_700_000_000_000);
    storage.setItem('tavlen:team', 'team-nord');
    rememberMe(me);
    forgetStartup();
    expect(storage.keys()).toEqual(['tavlen:team']);
    expect(lastLive('tavle-nord')).toBeNull();
  });
});

describe("the wall's last projection", () => {
  it('round-trips the doc it was shown and is deleted per board or all at once', () => {
    const doc = new Y.Doc();
    doc.getMap('cards').set('c1', 'KØ');
    saveWallCopy('tavle-nord', doc, 1);
    saveWallCopy('tavle-syd', doc, 1);
    const copy = loadWallCopy('tavle-nord')!;
    const again = new Y.Doc();
    Y.applyUpdate(again, copy);
    expect(again.getMap('cards').get('c1')).toBe('KØ');
    clearWallCopy('tavle-nord');
    expect(loadWallCopy('tavle-nord')).toBeNull();
    expect(loadWallCopy('tavle-syd')).not.toBeNull();
    clearWallCopies();
    expect(loadWallCopy('tavle-syd')).toBeNull();
  });
});
