/**
 * The bench's own seed for Tavlen, written into a fresh data directory before the server
 * starts (the server runs with SEED_DEMO=false): one municipality, `boards` teams with a
 * 40-citizen board each (the demo's board generator), and one coordinator who is a member of
 * every team and signs in with BENCH_PASSWORD. Bench-only: no production code path calls it.
 */
import { hashPassword } from '../server/auth/passwords.js';
import { buildDemoBoard, DEMO_DELEGATION, DEMO_TEAMS } from '../server/seed/demo.js';
import { openStorage } from '../server/storage/open.js';

export const BENCH_USER = { id: 'u-bench', username: 'bench', name: 'Bench Koordinator' } as const;
export const BENCH_PASSWORD = 'bench-password';
export const benchBoardId = (i: number) => `bench-${String(i).padStart(2, '0')}`;

export interface SeedOptions {
  /** Seed PostgreSQL (its migrations run first) instead of SQLite in `dataDir`. */
  databaseUrl?: string;
  /** A board's state other than the demo's 40 citizens (big board, memory); null: the demo's. */
  snapshot?: (ids: { id: string; teamId: string }) => Uint8Array | null;
}

export async function seedTavlenBench(
  dataDir: string,
  boards: number,
  now = new Date(),
  opts: SeedOptions = {},
): Promise<string[]> {
  const storage = await openStorage({ DATA_DIR: dataDir, DATABASE_URL: opts.databaseUrl });
  try {
    const municipalityId = 'bench-kommune';
    await storage.createMunicipality({ id: municipalityId, name: 'Bench Kommune' });
    await storage.updateMunicipalityConfig(municipalityId, { delegation: JSON.stringify(DEMO_DELEGATION) });
    await storage.createUser({
      id: BENCH_USER.id,
      username: BENCH_USER.username,
      passwordHash: await hashPassword(BENCH_PASSWORD),
      role: 'koordinator',
      name: BENCH_USER.name,
      lang: 'da',
      color: '#333333',
    });
    const ids: string[] = [];
    for (let i = 0; i < boards; i++) {
      const teamId = `team-bench-${i}`;
      const boardId = benchBoardId(i);
      await storage.createTeam({ id: teamId, municipalityId, name: `Bench-team ${i}` });
      await storage.addTeamMember(BENCH_USER.id, teamId);
      // The demo's generator, with this team's ids: 40 citizens in every phase, with history.
      const team = { ...DEMO_TEAMS[0], id: teamId, boardId, boardName: `Bench-tavle ${i}`, seed: i + 1 };
      const snapshot =
        opts.snapshot?.({ id: boardId, teamId }) ?? buildDemoBoard(team as unknown as (typeof DEMO_TEAMS)[number], now);
      await storage.createBoard({ id: boardId, teamId, name: team.boardName }, snapshot);
      ids.push(boardId);
    }
    return ids;
  } finally {
    await storage.close();
  }
}
