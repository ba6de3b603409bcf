import * as Y from 'yjs';
import { openMemoryStorage } from '/work/pgstore/server/storage/sqlite.js';
import { seedDemo } from '/work/pgstore/server/seed/demo.js';
import { foldLog } from '/work/pgstore/server/sync/replay.js';
import { BoardDoc } from '/work/pgstore/shared/doc/boardDoc.js';
const s = openMemoryStorage();
await seedDemo(s);
const b = await s.loadBoard('tavle-nord');
const doc = new Y.Doc();
Y.applyUpdate(doc, b.snapshot!);
const ups: { update: Uint8Array }[] = [];
doc.on('update', (u: Uint8Array) => ups.push({ update: u }));
const bd = new BoardDoc(doc);
const ids = bd.cards().map((c) => c.id);
for (let i = 0; i < 500; i++) bd.updateCard(ids[i % ids.length]!, { note: `n${i}` }, { source: 'local', userId: 'u-anne' } as never);
console.log('snapshot bytes', b.snapshot!.length, 'updates', ups.length);
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  const enc = Y.encodeStateAsUpdate(doc);
  const tEnc = performance.now() - t;
  t = performance.now();
  const f = foldLog(b.snapshot, ups);
  console.log('encode live', tEnc.toFixed(1), 'ms; fold from storage', (performance.now() - t).toFixed(1), 'ms', enc.length, f.length);
}
