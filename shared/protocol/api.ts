import { z } from 'zod';
import { LangSchema, SessionUserSchema } from '../model/user.js';

/**
 * HTTP API contract (JSON). Errors always have the shape { error: { code, message } }
 * with a Danish message meant for people and a stable code meant for programs.
 *
 *   POST  /api/login    LoginRequest      → 200 MeResponse, sets the session cookie; 401 invalid_credentials
 *   POST  /api/logout                     → 204, clears the cookie and the server-side session
 *   POST  /api/logout-all                 → 204, ends all the user's sessions and live connections
 *   GET   /api/me                         → 200 MeResponse; 401 unauthenticated
 *   PATCH /api/me       UpdateMeRequest   → 200 MeResponse
 *   GET   /api/boards                     → 200 BoardSummary[] (only the user's teams)
 *   GET   /healthz                        → 200 { status: 'ok', ... }
 *   WS    /yjs/<boardId>                  y-websocket protocol, session cookie required
 *   socket.io (path /socket.io)           session cookie required
 *
 * State-changing requests (POST/PUT/PATCH/DELETE) must come from Tavlen's own pages (Origin,
 * else Sec-Fetch-Site; 403 cross_site_request) and send JSON bodies as application/json
 * (415 unsupported_media_type). Failed sign-ins are limited (429 too_many_requests, Retry-After).
 */
export const SESSION_COOKIE = 'tavlen_session';

export const LoginRequestSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const UpdateMeRequestSchema = z.object({ lang: LangSchema });

export const TeamSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  boardId: z.string(),
  /**
   * How the board opens (issue #16, shared/rules/organisation.ts): absent or `write` as a
   * member; `read` for a makkerteam's board. `via` says why a team that is not one's own is
   * listed: the evening team's day board, a cover as backup visitator, a makkerteam.
   */
  access: z.enum(['write', 'read']).optional(),
  via: z.enum(['evening', 'cover', 'partner']).optional(),
});
export type TeamSummary = z.infer<typeof TeamSummarySchema>;

export const MeResponseSchema = z.object({ user: SessionUserSchema, teams: z.array(TeamSummarySchema) });
export type MeResponse = z.infer<typeof MeResponseSchema>;

export const BoardSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  teamId: z.string(),
  teamName: z.string(),
});
export type BoardSummary = z.infer<typeof BoardSummarySchema>;

/**
 * GET /api/boards/:id/epoch (docs/protocol.md "Epochs"): the board's current epoch and the
 * final state vector (base64) of the epoch before it, null when there was no rebuild.
 */
export const BoardEpochResponseSchema = z.object({
  epoch: z.number().int().min(0),
  previousStateVector: z.string().nullable(),
});
export type BoardEpochResponse = z.infer<typeof BoardEpochResponseSchema>;

export type ApiErrorCode =
  | 'invalid_request'
  | 'invalid_credentials'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'payload_too_large'
  | 'cross_site_request'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'unavailable'
  | 'internal';

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; details?: unknown };
}
