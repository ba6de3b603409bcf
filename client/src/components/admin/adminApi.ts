import { z } from 'zod';
import {
  AdminSettingsSchema,
  AdminTeamSchema,
  AdminUserSchema,
  type AdminTeam,
  type AdminSettings,
  type AdminUser,
  type CreateTeamRequest,
  type CreateUserRequest,
  type SetTeamMeetingsRequest,
  type UpdateSettingsRequest,
  type UpdateUserRequest,
} from '../../../../shared/index.js';
import {
  BoardHistoryResponseSchema,
  HistoryBoardsResponseSchema,
  HistoryPreviewSchema,
  RestoreResponseSchema,
  type BoardHistoryResponse,
  type HistoryBoardsResponse,
  type HistoryPreview,
  type RestoreRequest,
  type RestoreResponse,
} from '../../../../shared/protocol/history.js';
import { request } from '../../api';

const team = (id: string) => `/api/admin/teams/${encodeURIComponent(id)}`;
const user = (id: string) => `/api/admin/users/${encodeURIComponent(id)}`;

/** Calls of /api/admin (shared/protocol/admin.ts). */
export const adminApi = {
  teams: (): Promise<AdminTeam[]> => request('GET', '/api/admin/teams', z.array(AdminTeamSchema)),
  createTeam: (body: CreateTeamRequest): Promise<AdminTeam> =>
    request('POST', '/api/admin/teams', AdminTeamSchema, body),
  renameTeam: (id: string, name: string): Promise<AdminTeam> => request('PATCH', team(id), AdminTeamSchema, { name }),
  users: (): Promise<AdminUser[]> => request('GET', '/api/admin/users', z.array(AdminUserSchema)),
  createUser: (body: CreateUserRequest): Promise<AdminUser> =>
    request('POST', '/api/admin/users', AdminUserSchema, body),
  updateUser: (id: string, body: UpdateUserRequest): Promise<AdminUser> =>
    request('PATCH', user(id), AdminUserSchema, body),
  setTeams: (id: string, teamIds: string[]): Promise<AdminUser> =>
    request('PUT', `${user(id)}/teams`, AdminUserSchema, { teamIds }),
  resetPassword: (id: string, password: string): Promise<void> =>
    request('POST', `${user(id)}/password`, null, { password }),
  settings: (): Promise<AdminSettings> => request('GET', '/api/admin/settings', AdminSettingsSchema),
  updateSettings: (body: UpdateSettingsRequest): Promise<AdminSettings> =>
    request('PUT', '/api/admin/settings', AdminSettingsSchema, body),
  setVisitatorDays: (teamId: string, days: number[]): Promise<AdminSettings> =>
    request('PUT', `${team(teamId)}/visitator-days`, AdminSettingsSchema, { days }),
  setTeamMeetings: (teamId: string, body: SetTeamMeetingsRequest): Promise<AdminSettings> =>
    request('PUT', `${team(teamId)}/meetings`, AdminSettingsSchema, body),
};

const board = (id: string) => `/api/admin/boards/${encodeURIComponent(id)}`;

/** Board history and restore (shared/protocol/history.ts). */
export const historyApi = {
  boards: (): Promise<HistoryBoardsResponse> =>
    request('GET', '/api/admin/history/boards', HistoryBoardsResponseSchema),
  history: (boardId: string): Promise<BoardHistoryResponse> =>
    request('GET', `${board(boardId)}/history`, BoardHistoryResponseSchema),
  at: (boardId: string, at: string): Promise<HistoryPreview> =>
    request('GET', `${board(boardId)}/history/at?at=${encodeURIComponent(at)}`, HistoryPreviewSchema),
  restore: (boardId: string, body: RestoreRequest): Promise<RestoreResponse> =>
    request('POST', `${board(boardId)}/restore`, RestoreResponseSchema, body),
};

/** The server's (Danish) message of a failed call, for a form's alert. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
