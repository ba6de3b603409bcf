import { forgetStartup } from './offlineStart';
import { clearWallCopies } from './wallCache';

/**
 * Offline copies of boards (y-indexeddb databases named `tavlen:<boardId>`) hold citizens'
 * names on the device. They belong to the person signed in: when that ends — logout, a
 * session ended on another device ("log ud på alle enheder"), an expired session — or another
 * person signs in on the same PC, every copy is deleted.
 */
const PREFIX = 'tavlen:';
const OWNER_KEY = 'tavlen-offline-owner';

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(name);
    // `blocked`: the board is still open; the delete completes as soon as it closes.
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

export async function clearOfflineCopies(): Promise<void> {
  localStorage.removeItem(OWNER_KEY);
  // the wall's projection and the start-up answers go with them (wallCache.ts, offlineStart.ts)
  clearWallCopies();
  forgetStartup();
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  const dbs = await indexedDB.databases().catch(() => []);
  await Promise.all(dbs.flatMap((db) => (db.name?.startsWith(PREFIX) ? [deleteDatabase(db.name)] : [])));
}

/** Before a board opens for `userId`: copies left by someone else on this device go first. */
export async function claimOfflineCopies(userId: string): Promise<void> {
  const owner = localStorage.getItem(OWNER_KEY);
  if (owner !== userId) await clearOfflineCopies();
  localStorage.setItem(OWNER_KEY, userId);
}
