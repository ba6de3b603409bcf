import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DISCUSSION_PROMPTS } from '../../shared/model/discussionPrompts.js';
import type { AdminSettings } from '../../shared/protocol/admin.js';
import type { BoardConfigResponse } from '../../shared/protocol/config.js';
import type { DeviceWithCode } from '../../shared/protocol/devices.js';
import { apiCall, login, sqlOn, startServer, type TestServer } from '../helpers/server.js';

/**
 * The wall focus view's discussion prompts (issue #11, point 3) through the real HTTP API:
 * the administrator sets the municipality's lists on the settings route, the board config
 * serves them to the team and its wall screen, everyone else is refused, bad input gets a
 * Danish 400, every change is audited once, and a broken stored value falls back to the
 * defaults.
 */
let srv: TestServer;
let cookies: Record<'admin' | 'gitte' | 'anne', string>;
let wall: string;

type ErrorReply = { error: { code: string; message: string } };

const call = <T = unknown>(cookie: string | null, method: string, path: string, body?: unknown) =>
  apiCall<T>(srv.baseUrl, cookie ?? '', method, path, body);
const put = (cookie: string, discussionPrompts: unknown) =>
  call<AdminSettings & ErrorReply>(cookie, 'PUT', '/api/admin/settings', { discussionPrompts });
const config = async (cookie: string) => {
  const res = await call<BoardConfigResponse>(cookie, 'GET', '/api/boards/tavle-nord/config');
  expect(res.status).toBe(200);
  return res.body.discussionPrompts;
};
const sql = <T>(query: string, ...params: unknown[]): T[] => sqlOn<T>(srv.dataDir, query, ...params);
const audited = () =>
  sql<{ user_id: string; detail: string }>(
    "SELECT user_id, detail FROM audit_log WHERE action = 'settings_changed' ORDER BY id",
  )
    .map((r) => ({ userId: r.user_id, detail: JSON.parse(r.detail) as Record<string, unknown> }))
    .filter((r) => r.detail.setting === 'discussionPrompts');
const stored = () =>
  sql<{ p: string | null }>("SELECT discussion_prompts AS p FROM municipalities WHERE id = 'demo-kommune'")[0]?.p;

const CUSTOM = { observationAreas: ['Mobilitet', 'Hud'], triedAlready: ['Rehabilitering', 'Pårørende'] };

beforeAll(async () => {
  srv = await startServer();
  cookies = {
    admin: await login(srv.baseUrl, 'admin'),
    gitte: await login(srv.baseUrl, 'gitte'),
    anne: await login(srv.baseUrl, 'anne'),
  };
  // A paired wall screen of Team Nord (role skaerm), as the admin page's "Skærme" makes one.
  const device = await call<DeviceWithCode>(cookies.admin, 'POST', '/api/admin/devices', {
    teamId: 'team-nord',
    name: 'Skærm i mødelokalet',
  });
  expect(device.status).toBe(201);
  const paired = await fetch(`${srv.baseUrl}/api/pair`, {
    method: 'POST',
    headers: { origin: srv.baseUrl, 'content-type': 'application/json' },
    body: JSON.stringify({ code: device.body.code }),
  });
  expect(paired.status).toBe(200);
  wall = paired.headers
    .getSetCookie()
    .find((c) => c.startsWith('tavlen_session='))!
    .split(';')[0]!;
});
afterAll(async () => {
  await srv.kill('SIGKILL');
  srv.cleanup();
});

describe('discussion prompts (admin settings → board config → wall)', () => {
  it('are the defaults until the municipality sets its own, for the team and its wall screen', async () => {
    const settings = await call<AdminSettings>(cookies.admin, 'GET', '/api/admin/settings');
    expect(settings.body.discussionPrompts).toEqual({
      observationAreas: DEFAULT_DISCUSSION_PROMPTS.observationAreas.map((p) => p.da),
      triedAlready: DEFAULT_DISCUSSION_PROMPTS.triedAlready.map((p) => p.da),
      isDefault: true,
    });
    expect(await config(cookies.anne)).toEqual(DEFAULT_DISCUSSION_PROMPTS);
    expect(await config(wall)).toEqual(DEFAULT_DISCUSSION_PROMPTS);
  });

  it('refuses the leder and staff (403) and changes nothing', async () => {
    for (const who of ['gitte', 'anne'] as const) {
      const res = await put(cookies[who], CUSTOM);
      expect(res.status, who).toBe(403);
    }
    expect(stored()).toBeNull();
    expect(audited()).toEqual([]);
  });

  it('refuses bad lists with a Danish 400 and changes nothing', async () => {
    const cases: [unknown, string][] = [
      [{ ...CUSTOM, observationAreas: [] }, 'Se på: angiv mindst ét punkt.'],
      [
        { ...CUSTOM, triedAlready: Array.from({ length: 13 }, (_, i) => `Trin ${i + 1}`) },
        'Prøvet før mere hjælp: højst 12 punkter.',
      ],
      [{ ...CUSTOM, observationAreas: ['Mobilitet', '   '] }, 'Se på: et punkt må ikke være tomt.'],
      [{ ...CUSTOM, observationAreas: ['x'.repeat(41)] }, 'Se på: hvert punkt må højst være 40 tegn.'],
      [
        { ...CUSTOM, triedAlready: ['Hjælpemidler', 'Hjælpemidler'] },
        'Prøvet før mere hjælp: det samme punkt står der to gange.',
      ],
      [{ ...CUSTOM, observationAreas: ['Ring 010190-1234'] }, 'CPR-nummer'],
      ['Hud', 'Angiv samtalestøtten som to lister.'],
    ];
    for (const [body, message] of cases) {
      const res = await put(cookies.admin, body);
      expect(res.status, message).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
    expect(stored()).toBeNull();
    expect(audited()).toEqual([]);
  });

  it('sets the municipality’s own lists: in the board config for the team and the wall at once, audited once', async () => {
    const res = await put(cookies.admin, {
      observationAreas: ['  Mobilitet ', 'Hud'],
      triedAlready: CUSTOM.triedAlready,
    });
    expect(res.status).toBe(200);
    expect(res.body.discussionPrompts).toEqual({ ...CUSTOM, isDefault: false });

    const expected = {
      // A default's words keep its id and English text; the municipality's own are as written.
      observationAreas: [
        { id: 'egen-1', da: 'Mobilitet', en: 'Mobilitet' },
        { id: 'hud', da: 'Hud', en: 'Skin' },
      ],
      triedAlready: [
        { id: 'egen-1', da: 'Rehabilitering', en: 'Rehabilitering' },
        { id: 'egen-2', da: 'Pårørende', en: 'Pårørende' },
      ],
    };
    expect(await config(cookies.anne)).toEqual(expected);
    expect(await config(wall)).toEqual(expected);

    const defaults = {
      observationAreas: DEFAULT_DISCUSSION_PROMPTS.observationAreas.map((p) => p.da),
      triedAlready: DEFAULT_DISCUSSION_PROMPTS.triedAlready.map((p) => p.da),
    };
    expect(audited()).toEqual([
      { userId: 'u-admin', detail: { setting: 'discussionPrompts', from: defaults, to: CUSTOM } },
    ]);
    // Saving the same again writes nothing.
    expect((await put(cookies.admin, CUSTOM)).status).toBe(200);
    expect(audited()).toHaveLength(1);

    // Back to the defaults (null): stored as NULL, audited.
    const back = await put(cookies.admin, null);
    expect(back.body.discussionPrompts.isDefault).toBe(true);
    expect(stored()).toBeNull();
    expect(await config(wall)).toEqual(DEFAULT_DISCUSSION_PROMPTS);
    expect(audited()).toHaveLength(2);
    expect(audited()[1]!.detail).toEqual({ setting: 'discussionPrompts', from: CUSTOM, to: defaults });
  });

  it('falls back to the defaults when the stored value does not validate', async () => {
    sql("UPDATE municipalities SET discussion_prompts = ? WHERE id = 'demo-kommune'", '{"observationAreas": []}');
    expect(await config(cookies.anne)).toEqual(DEFAULT_DISCUSSION_PROMPTS);
    const settings = await call<AdminSettings>(cookies.admin, 'GET', '/api/admin/settings');
    expect(settings.body.discussionPrompts.isDefault).toBe(true);
    expect(srv.stderr()).toContain('discussion_prompts');
    sql("UPDATE municipalities SET discussion_prompts = NULL WHERE id = 'demo-kommune'");
  });
});
