import { z } from 'zod';
import { AuthProvidersResponseSchema, type AuthProvidersResponse } from '../../shared/protocol/auth.js';
import {
  ArchiveResponseSchema,
  BoardConfigResponseSchema,
  type ArchivedCard,
  type BoardConfigResponse,
} from '../../shared/protocol/config.js';
import { MyOverviewResponseSchema, type MyOverviewResponse } from '../../shared/protocol/overview.js';
import {
  AuditCitizensResponseSchema,
  AuditPageSchema,
  AuditUsersResponseSchema,
  type AuditCitizensResponse,
  type AuditPage,
  type AuditUsersResponse,
} from '../../shared/protocol/audit.js';
import {
  BoardEpochResponseSchema,
  BoardSummarySchema,
  MeResponseSchema,
  type ApiErrorCode,
  type BoardEpochResponse,
  type BoardSummary,
  type LoginRequest,
  type MeResponse,
} from '../../shared/index.js';
import type { DeviceSummary, DeviceWithCode } from '../../shared/protocol/devices.js';

/** A failed API call: `code` is stable for programs, `status` is the HTTP status (0 = network). */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode | 'network',
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const ErrorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** One JSON call; errors become ApiError with the server's Danish message. */
export async function request<T>(
  method: string,
  path: string,
  schema: z.ZodType<T> | null,
  body?: unknown,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError('network', 0, 'network');
  }
  if (!res.ok) {
    const parsed = ErrorBodySchema.safeParse(await res.json().catch(() => null));
    const code = (parsed.success ? parsed.data.error.code : 'internal') as ApiErrorCode;
    throw new ApiError(code, res.status, parsed.success ? parsed.data.error.message : res.statusText);
  }
  if (schema === null) return undefined as T;
  return schema.parse(await res.json());
}

export type BoardConfig = BoardConfigResponse;
export type { MyOverviewResponse };

// Wall-screen devices and pairing (shared/protocol/devices.ts); responses are our own server's.
const devicesPath = '/api/admin/devices';
export const deviceApi = {
  pair: (code: string): Promise<MeResponse> => request('POST', '/api/pair', MeResponseSchema, { code }),
  list: (teamId: string): Promise<DeviceSummary[]> =>
    request('GET', `${devicesPath}?teamId=${encodeURIComponent(teamId)}`, z.custom<DeviceSummary[]>()),
  create: (teamId: string, name: string): Promise<DeviceWithCode> =>
    request('POST', devicesPath, z.custom<DeviceWithCode>(), { teamId, name }),
  newCode: (id: string): Promise<DeviceWithCode> =>
    request('POST', `${devicesPath}/${encodeURIComponent(id)}/pairing-code`, z.custom<DeviceWithCode>()),
  revoke: (id: string): Promise<void> => request('DELETE', `${devicesPath}/${encodeURIComponent(id)}`, null),
};
export type ArchivedForlob = ArchivedCard;

export const api = {
  login: (body: LoginRequest): Promise<MeResponse> => request('POST', '/api/login', MeResponseSchema, body),
  providers: (): Promise<AuthProvidersResponse> => request('GET', '/api/auth/providers', AuthProvidersResponseSchema),
  logout: (): Promise<void> => request('POST', '/api/logout', null),
  /** Ends the person's sessions on every device (and their open connections). */
  logoutAll: (): Promise<void> => request('POST', '/api/logout-all', null),
  me: (): Promise<MeResponse> => request('GET', '/api/me', MeResponseSchema),
  setLang: (lang: 'da' | 'en'): Promise<MeResponse> => request('PATCH', '/api/me', MeResponseSchema, { lang }),
  boards: (): Promise<BoardSummary[]> => request('GET', '/api/boards', z.array(BoardSummarySchema)),
  myOverview: (): Promise<MyOverviewResponse> => request('GET', '/api/me/overview', MyOverviewResponseSchema),
  boardConfig: (boardId: string): Promise<BoardConfig> =>
    request('GET', `/api/boards/${encodeURIComponent(boardId)}/config`, BoardConfigResponseSchema),
  /** The board's epoch; `from`: the state vector the server had when epoch `from` ended. */
  boardEpoch: (boardId: string, from: number): Promise<BoardEpochResponse> =>
    request('GET', `/api/boards/${encodeURIComponent(boardId)}/epoch?from=${from}`, BoardEpochResponseSchema),
  archive: async (boardId: string, q: string): Promise<ArchivedForlob[]> =>
    (
      await request(
        'GET',
        `/api/boards/${encodeURIComponent(boardId)}/archive?q=${encodeURIComponent(q)}`,
        ArchiveResponseSchema,
      )
    ).items,
  // Audit log (leder, administrator): `query` is the filter string of GET /api/audit.
  audit: (query: URLSearchParams): Promise<AuditPage> => request('GET', `/api/audit?${query}`, AuditPageSchema),
  auditUsers: (boardId: string): Promise<AuditUsersResponse> =>
    request('GET', `/api/audit/users?boardId=${encodeURIComponent(boardId)}`, AuditUsersResponseSchema),
  auditCitizens: (boardId: string, q: string): Promise<AuditCitizensResponse> =>
    request(
      'GET',
      `/api/audit/citizens?boardId=${encodeURIComponent(boardId)}&q=${encodeURIComponent(q)}`,
      AuditCitizensResponseSchema,
    ),
};
