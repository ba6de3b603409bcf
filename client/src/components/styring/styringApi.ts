import { z } from 'zod';
import type {
  CardTimeResponse,
  CreateImportTokenResponse,
  StyringResponse,
  StyringSettingsResponse,
  VisitImportResult,
} from '../../../../shared/protocol/styring.js';
import type { z as zod } from 'zod';
import type { UpdateStyringSettingsSchema } from '../../../../shared/protocol/styring.js';
import { request } from '../../api';

/** The Styring cockpit, the card's "Tid" and their admin settings (shared/protocol/styring.ts). */
export const styringApi = {
  cardTime: (boardId: string, cardId: string): Promise<CardTimeResponse> =>
    request(
      'GET',
      `/api/boards/${encodeURIComponent(boardId)}/cards/${encodeURIComponent(cardId)}/time`,
      z.custom<CardTimeResponse>(),
    ),
  figures: (teamId?: string): Promise<StyringResponse> =>
    request('GET', `/api/styring${teamId ? `?team=${encodeURIComponent(teamId)}` : ''}`, z.custom<StyringResponse>()),
  settings: (): Promise<StyringSettingsResponse> =>
    request('GET', '/api/admin/styring', z.custom<StyringSettingsResponse>()),
  saveSettings: (body: zod.input<typeof UpdateStyringSettingsSchema>): Promise<void> =>
    request('PUT', '/api/admin/styring', null, body),
  importCsv,
  createToken: (name: string): Promise<CreateImportTokenResponse> =>
    request('POST', '/api/admin/import-tokens', z.custom<CreateImportTokenResponse>(), { name }),
  deleteToken: (id: string): Promise<void> =>
    request('DELETE', `/api/admin/import-tokens/${encodeURIComponent(id)}`, null),
};

export type CsvImportOutcome =
  { ok: true; result: VisitImportResult } | { ok: false; message: string; rows: { row: number; message: string }[] };

/** The admin page's CSV upload: a refusal keeps its row list (`details`) for the page to show. */
async function importCsv(csv: string): Promise<CsvImportOutcome> {
  const res = await fetch('/api/import/visits/csv', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ csv }),
  });
  const body = (await res.json().catch(() => null)) as
    VisitImportResult | { error?: { message?: string; details?: unknown } } | null;
  if (res.ok) return { ok: true, result: body as VisitImportResult };
  const error = (body as { error?: { message?: string; details?: unknown } } | null)?.error;
  const rows = Array.isArray(error?.details) ? (error.details as { row: number; message: string }[]) : [];
  return { ok: false, message: error?.message ?? res.statusText, rows };
}

/** Minutes as Danish hours: 90 → "1,5 t". */
export function hoursText(minutes: number | null, lang: 'da' | 'en' = 'da'): string {
  if (minutes === null) return '–';
  const h = Math.round((minutes / 60) * 10) / 10;
  return `${h.toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB')} t`;
}
