import { describe, expect, it } from 'vitest';
import { AppendBatcher, type PendingAppend } from '../../server/storage/groupCommit.js';

const bytes = (n: number) => new Uint8Array([n]);

function recordingBatcher(fail: (a: PendingAppend) => boolean = () => false) {
  const batches: string[][] = [];
  let seq = 0;
  const batcher = new AppendBatcher((batch) => {
    if (batch.some(fail)) throw new Error('constraint');
    batches.push(batch.map((a) => `${a.boardId}:${a.update[0]}`));
    return batch.map(() => ++seq);
  });
  return { batcher, batches };
}

describe('group commit of board log appends', () => {
  it('writes appends made in one turn of the event loop, from several boards, as one batch in order', async () => {
    const { batcher, batches } = recordingBatcher();
    const seqs = await Promise.all([
      batcher.append('a', bytes(1)),
      batcher.append('b', bytes(2)),
      batcher.append('a', bytes(3)),
    ]);
    expect(batches).toEqual([['a:1', 'b:2', 'a:3']]);
    expect(seqs).toEqual([1, 2, 3]);
  });

  it('resolves an append only after its batch is written', async () => {
    const { batcher, batches } = recordingBatcher();
    const seq = batcher.append('a', bytes(1));
    expect(batches).toEqual([]);
    await expect(seq).resolves.toBe(1);
    expect(batches).toEqual([['a:1']]);
  });

  it('starts a new batch for appends made after the previous one was written', async () => {
    const { batcher, batches } = recordingBatcher();
    await batcher.append('a', bytes(1));
    await batcher.append('a', bytes(2));
    expect(batches).toEqual([['a:1'], ['a:2']]);
  });

  it('a row that cannot be written fails alone; its neighbours are written', async () => {
    const { batcher, batches } = recordingBatcher((a) => a.boardId === 'gone');
    const results = await Promise.allSettled([
      batcher.append('a', bytes(1)),
      batcher.append('gone', bytes(2)),
      batcher.append('b', bytes(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(batches).toEqual([['a:1'], ['b:3']]);
  });

  it('drain waits for everything appended so far', async () => {
    const { batcher, batches } = recordingBatcher();
    void batcher.append('a', bytes(1));
    await batcher.drain();
    expect(batches).toEqual([['a:1']]);
  });
});
