import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Jobs, type JobOutcome } from '../../server/cluster/jobs.js';
import { connectCluster, type Cluster } from '../../server/cluster/redis.js';
import { silentLogger } from '../../server/logging.js';
import { openPostgresStorage } from '../../server/storage/postgres.js';
import type { Storage } from '../../server/storage/types.js';
import { clusterAvailable } from '../helpers/cluster.js';
import { startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startRedis, type TestRedis } from '../helpers/redis.js';
import { waitFor } from '../helpers/waitFor.js';

/**
 * Jobs that must run once (server/cluster/jobs.ts) on two "nodes": two storage pools on one
 * PostgreSQL and two Redis connections with their own node ids, as two server processes have.
 * Started on both at once a job runs once; the other node's tick in the same period finds it
 * done; a node killed mid-job leaves the job to the next tick, which runs it.
 */
const DAY = 86_400_000;
const available = clusterAvailable('jobs that run once');

let pgServer: TestPostgres;
let redis: TestRedis;
let databaseUrl = '';
const storages: Storage[] = [];
const clusters: Cluster[] = [];
let a: Jobs;
let b: Jobs;

beforeAll(async () => {
  if (!available) return;
  [pgServer, redis] = await Promise.all([startPostgres(), startRedis()]);
  databaseUrl = await pgServer.createDatabase();
  const node = async (nodeId: string) => {
    const storage = await openPostgresStorage(databaseUrl);
    const cluster = await connectCluster(redis.url, { nodeId, log: silentLogger });
    storages.push(storage);
    clusters.push(cluster);
    return new Jobs({ storage, cluster, log: silentLogger });
  };
  a = await node('node-a');
  b = await node('node-b');
}, 120_000);

afterAll(async () => {
  for (const cl of clusters) await cl.close();
  for (const s of storages) await s.close();
  await Promise.allSettled([redis?.stop(), pgServer?.stop()]);
});

/** A job body that counts its runs and finishes only when told. */
function gatedJob() {
  let runs = 0;
  let open: () => void = () => {};
  const gate = new Promise<void>((res) => (open = res));
  return {
    work: async () => {
      runs++;
      await gate;
    },
    runs: () => runs,
    finish: () => open(),
  };
}

/**
 * Starts `run` on both nodes at once: the node that did not get the job answers while the
 * winner is still inside it (the gate is shut), so `held` here is never a late `done`.
 */
async function atOnce(run: (jobs: Jobs) => Promise<JobOutcome>, job: ReturnType<typeof gatedJob>) {
  const both = [run(a), run(b)];
  expect(await Promise.race(both)).toBe('held');
  job.finish();
  const outcomes = (await Promise.all(both)).sort();
  expect(job.runs()).toBe(1);
  return outcomes;
}

describe.skipIf(!available)('a job on two nodes', () => {
  it('started on both at once runs on one; later ticks in the period find it done', async () => {
    const job = gatedJob();
    expect(await atOnce((n) => n.runOnce('retention-test', DAY, job.work), job)).toEqual(['held', 'ran']);
    expect(job.runs()).toBe(1);

    // Both nodes tick again within the day: nothing runs.
    expect(await a.runOnce('retention-test', DAY, job.work)).toBe('done');
    expect(await b.runOnce('retention-test', DAY, job.work)).toBe('done');
    expect(job.runs()).toBe(1);
  });

  it('a board job runs on one node at a time', async () => {
    const job = gatedJob();
    expect(await atOnce((n) => n.runForBoard('archive', 'tavle-nord', job.work), job)).toEqual(['held', 'ran']);
  });

  it('a node killed (kill -9) mid-job releases it: the next tick on another node runs it', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        resolve(import.meta.dirname, '../helpers/jobHolder.ts'),
        databaseUrl,
        redis.url,
        'killed-job',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise((res) => child.once('exit', res));
    await new Promise<void>((res, rej) => {
      createInterface({ input: child.stdout! }).on('line', (line) => line === 'running' && res());
      child.once('exit', (code) => rej(new Error(`job holder exited early (${code})`)));
    });
    const job = gatedJob();
    job.finish();
    expect(await a.runOnce('killed-job', DAY, job.work)).toBe('held');

    child.kill('SIGKILL');
    await exited;
    // PostgreSQL drops the dead node's session and its lock; the run was never noted as done.
    await waitFor(async () => (await a.runOnce('killed-job', DAY, job.work)) === 'ran', { what: 'job ran again' });
    expect(job.runs()).toBe(1);
    expect(await b.runOnce('killed-job', DAY, job.work)).toBe('done');
  }, 60_000);

  it('with Redis gone a job still runs under the lock, once at a time', async () => {
    await redis.kill();
    try {
      const job = gatedJob();
      expect(await atOnce((n) => n.runOnce('no-redis', DAY, job.work), job)).toEqual(['held', 'ran']);
    } finally {
      await redis.restart();
    }
  });
});
