import { z } from 'zod';
import { IdSchema } from '../model/ids.js';
import { containsCpr } from '../rules/cpr.js';

/**
 * Wall-screen devices (issue #5): an admin creates a device for a team and gets a short,
 * single-use pairing code; the screen pairs once and stays signed in until revoked.
 *
 *   GET    /api/admin/devices?teamId=            → 200 DeviceSummary[]
 *   POST   /api/admin/devices  CreateDevice      → 201 DeviceWithCode
 *   POST   /api/admin/devices/:id/pairing-code   → 200 DeviceWithCode (earlier codes stop working)
 *   DELETE /api/admin/devices/:id                → 204 (its sessions end at once)
 *   POST   /api/pair           PairRequest       → 200 MeResponse, sets a device session cookie
 */

/** No 0/O, 1/I/L: read off a TV across the room and typed on a remote. */
export const PAIRING_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIRING_CODE_LENGTH = 8;
export const PAIRING_CODE_TTL_MS = 15 * 60_000;

/** Accepts the code as typed: case, spaces and dashes do not matter. */
export function normalizePairingCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '');
}

export const CreateDeviceSchema = z.object({
  teamId: IdSchema,
  name: z
    .string()
    .trim()
    .min(1, 'Giv skærmen et navn')
    .max(80)
    // Shown to administrators and in the screen's own session (docs/security.md "No CPR numbers").
    .refine((s) => !containsCpr(s), 'Skærmens navn ligner et CPR-nummer. CPR-numre må ikke skrives i Tavlen.'),
});
export type CreateDevice = z.infer<typeof CreateDeviceSchema>;

export const PairRequestSchema = z.object({ code: z.string().trim().min(1).max(40) });

export interface DeviceSummary {
  id: string;
  teamId: string;
  name: string;
  createdAt: number;
  pairedAt: number | null;
}

export interface DeviceWithCode {
  device: DeviceSummary;
  /** Shown once; only its hash is stored. */
  code: string;
  /** Relative link that pairs the screen that opens it: `/pair/<code>`. */
  link: string;
  expiresAt: number;
}
