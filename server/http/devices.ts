import { randomBytes, randomInt } from 'node:crypto';
import { serialize as serializeCookie } from 'cookie';
import express, { type Request, type Router } from 'express';
import type { Store } from 'express-rate-limit';
import { IdSchema, newId } from '../../shared/model/ids.js';
import type { SessionUser } from '../../shared/model/user.js';
import { SESSION_COOKIE, type MeResponse } from '../../shared/protocol/api.js';
import {
  CreateDeviceSchema,
  PAIRING_ALPHABET,
  PAIRING_CODE_LENGTH,
  PAIRING_CODE_TTL_MS,
  PairRequestSchema,
  normalizePairingCode,
  type DeviceSummary,
  type DeviceWithCode,
} from '../../shared/protocol/devices.js';
import { canManageDevices } from '../../shared/rules/permissions.js';
import { loginRateLimits } from '../auth/loginLimits.js';
import { hashToken, type Sessions } from '../auth/sessions.js';
import { ApiError } from '../errors.js';
import type { DeviceRecord, Storage } from '../storage/types.js';
import { parseAdminBody } from './adminCommon.js';
import { noStore, requireUser, secureCookies } from './session.js';

/**
 * A device session does not time out: the screen on the wall must survive nights and
 * weekends without anyone typing a password. It ends when the device is revoked (its
 * session rows are deleted, live connections closed). The row's expiry is "never"; the
 * cookie gets the longest lifetime browsers keep (400 days), and re-pairing renews it.
 */
const DEVICE_SESSION_EXPIRES_AT = 8_640_000_000_000_000; // the largest JS Date
const DEVICE_COOKIE_MAX_AGE_S = 400 * 24 * 3600;
const DEVICE_COLOR = '#5f6b7a';

export interface DevicesDeps {
  storage: Storage;
  sessions: Sessions;
  trustProxy: boolean;
  now?: () => number;
  /** Shared counts for the pairing limits with several nodes (server/cluster/sharedLimits.ts). */
  limitStore?: (name: string) => Store;
}

/** The admin API for wall-screen devices and the pairing endpoint (shared/protocol/devices.ts). */
export function devicesRouter({ storage, sessions, trustProxy, now = Date.now, limitStore }: DevicesDeps): Router {
  const router = express.Router();
  router.use(['/admin/devices', '/pair'], (_req, res, next) => {
    noStore(res);
    next();
  });

  /** The caller's municipality comes from storage: an administrator manages only their own. */
  const mayManage = async (user: SessionUser, teamId: string): Promise<boolean | 'no_team'> => {
    const [team, record] = await Promise.all([storage.getTeam(teamId), storage.getUser(user.id)]);
    if (!team) return 'no_team';
    return canManageDevices({ ...user, municipalityId: record?.municipalityId ?? null }, team);
  };

  const requireManager = async (req: Request, teamId: string): Promise<SessionUser> => {
    const user = await requireUser(sessions, req);
    const may = await mayManage(user, teamId);
    if (may === 'no_team') throw new ApiError('not_found', 'Teamet findes ikke.');
    if (!may) throw new ApiError('forbidden', 'Du må ikke administrere skærme for dette team.');
    return user;
  };

  /** The device if the caller may manage it; unknown devices and others' are the same 404. */
  const managedDevice = async (req: Request): Promise<{ user: SessionUser; device: DeviceRecord }> => {
    const user = await requireUser(sessions, req);
    const id = IdSchema.safeParse(req.params.id);
    const device = id.success ? await storage.getDevice(id.data) : null;
    if (!device || (await mayManage(user, device.teamId)) !== true)
      throw new ApiError('not_found', 'Skærmen findes ikke.');
    return { user, device };
  };

  const newCode = async (device: DeviceRecord): Promise<DeviceWithCode> => {
    const code = pairingCode();
    const expiresAt = now() + PAIRING_CODE_TTL_MS;
    await storage.setPairingCode(device.id, hashToken(code), expiresAt);
    return { device: summary(device), code, link: `/pair/${code}`, expiresAt };
  };

  router.get('/admin/devices', async (req, res) => {
    const teamId = IdSchema.safeParse(req.query.teamId);
    if (!teamId.success) throw new ApiError('invalid_request', 'Vælg et team.');
    await requireManager(req, teamId.data);
    res.json((await storage.devicesOfTeam(teamId.data)).map(summary));
  });

  router.post('/admin/devices', async (req, res) => {
    const body = parseAdminBody(CreateDeviceSchema, req.body);
    const user = await requireManager(req, body.teamId);
    const id = newId('skaerm');
    const createdAt = now();
    try {
      await storage.createDevice({
        user: {
          id,
          username: id,
          // No password: a device signs in only by pairing.
          passwordHash: '',
          role: 'skaerm',
          name: body.name,
          lang: 'da',
          color: DEVICE_COLOR,
        },
        teamId: body.teamId,
        createdAt,
        createdBy: user.id,
      });
    } catch (err) {
      // An administrator may name any team; one that does not exist fails the foreign key.
      if (String(err).includes('FOREIGN KEY')) throw new ApiError('not_found', 'Teamet findes ikke.');
      throw err;
    }
    const device = await storage.getDevice(id);
    if (!device) throw new ApiError('internal');
    await storage.appendAudit({
      at: createdAt,
      userId: user.id,
      boardId: null,
      cardId: null,
      action: 'device_created',
      detail: { deviceId: id, teamId: body.teamId },
    });
    res.status(201).json(await newCode(device));
  });

  router.post('/admin/devices/:id/pairing-code', async (req, res) => {
    const { device } = await managedDevice(req);
    res.json(await newCode(device));
  });

  router.delete('/admin/devices/:id', async (req, res) => {
    const { user, device } = await managedDevice(req);
    // Ending its sessions closes its live websocket and socket.io connections (Sessions.onRevoke).
    await sessions.logoutAll(device.id);
    await storage.deleteDevice(device.id);
    await storage.appendAudit({
      at: now(),
      userId: user.id,
      boardId: null,
      cardId: null,
      action: 'device_revoked',
      detail: { deviceId: device.id, teamId: device.teamId },
    });
    res.status(204).end();
  });

  // Codes are 8 characters from 31 and live 15 minutes, so guessing is hopeless anyway; the
  // same failure limit as sign-in keeps anyone from trying (401s count, per client IP).
  const pairLimits = loginRateLimits({
    maxFailuresPerUser: 10,
    maxFailuresPerIp: 20,
    windowMinutes: 15,
    ...(limitStore ? { store: (name) => limitStore(`pair:${name}`) } : {}),
  });
  router.post('/pair', ...pairLimits, async (req, res) => {
    const { code } = PairRequestSchema.parse(req.body);
    const deviceId = await storage.consumePairingCode(hashToken(normalizePairingCode(code)), now());
    const device = deviceId ? await storage.getDevice(deviceId) : null;
    if (!device) throw new ApiError('invalid_credentials', 'Koden er ugyldig eller udløbet. Bed om en ny kode.');
    const token = randomBytes(32).toString('base64url');
    await storage.createSession(hashToken(token), { userId: device.id, expiresAt: DEVICE_SESSION_EXPIRES_AT });
    await storage.markDevicePaired(device.id, now());
    await storage.appendAudit({
      at: now(),
      userId: device.id,
      boardId: null,
      cardId: null,
      action: 'device_paired',
      detail: { deviceId: device.id, teamId: device.teamId },
    });
    const user = await sessions.sessionUser(device.id);
    if (!user) throw new ApiError('internal');
    res.setHeader(
      'Set-Cookie',
      serializeCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies(trustProxy, req),
        path: '/',
        maxAge: DEVICE_COOKIE_MAX_AGE_S,
      }),
    );
    const body: MeResponse = { user, teams: await storage.teamsOfUser(user.id) };
    res.json(body);
  });

  return router;
}

/** 8 characters from a 31-letter alphabet: about 40 bits, for a code that lives 15 minutes. */
function pairingCode(): string {
  let code = '';
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_ALPHABET[randomInt(PAIRING_ALPHABET.length)];
  return code;
}

function summary(d: DeviceRecord): DeviceSummary {
  return { id: d.id, teamId: d.teamId, name: d.name, createdAt: d.createdAt, pairedAt: d.pairedAt };
}
