/**
 * A node that starts a job and never finishes it, for the `kill -9` test of
 * server/cluster/jobs.ts: run with `node --import tsx tests/helpers/jobHolder.ts <databaseUrl>
 * <redisUrl> <job>`; prints "running" once the job holds its lock, then waits to be killed.
 */
import { Jobs } from '../../server/cluster/jobs.js';
import { connectCluster } from '../../server/cluster/redis.js';
import { silentLogger } from '../../server/logging.js';
import { openPostgresStorage } from '../../server/storage/postgres.js';

const [databaseUrl, redisUrl, job] = process.argv.slice(2) as [string, string, string];
const storage = await openPostgresStorage(databaseUrl);
const cluster = await connectCluster(redisUrl, { nodeId: 'doomed', log: silentLogger });
const jobs = new Jobs({ storage, cluster, log: silentLogger });
void jobs.runOnce(job, 86_400_000, async () => {
  process.stdout.write('running\n');
  await new Promise(() => {}); // until kill -9
});
