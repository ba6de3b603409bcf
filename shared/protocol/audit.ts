import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { IdSchema, IsoDateSchema } from '../model/ids.js';
import { RoleSchema } from '../model/user.js';
import { TIME_ZONE } from '../rules/dates.js';

/**
 * The audit log API (R36). Readers: administrator (own municipality) and leder (own teams),
 * see `auditAccess` in rules/permissions.ts.
 *
 *   GET /api/audit?boardId=&cardId=&userId=&from=&to=&action=&limit=&before= → AuditPage
 *   GET /api/audit.csv?<same filters>                                        → text/csv
 *   GET /api/audit/users?boardId=                                            → AuditUsersResponse
 *   GET /api/audit/citizens?boardId=&q=                                      → AuditCitizensResponse
 *
 * `from`/`to` are days (YYYY-MM-DD, Danish calendar, both inclusive); `action` may repeat
 * or be comma-separated; `before` is the `nextBefore` of the previous page (newest first).
 */
export const AUDIT_ACTIONS = [
  'card_created',
  'card_deleted',
  'card_moved',
  'card_closed',
  'card_reopened',
  'triage_changed',
  'card_changed',
  'card_viewed',
  'write_rejected',
  'audit_viewed',
  'audit_exported',
  'retention_purged',
  'board_restored',
  'card_restored',
  'login',
  'login_failed',
  'visits_imported',
  'board_printed',
  'free_item_created',
  'free_item_changed',
  'free_item_deleted',
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AUDIT_PAGE_MAX = 500;
/** One CSV export holds at most this many rows (newest first); narrow the filters for more. */
export const AUDIT_EXPORT_MAX = 50_000;

const actionList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).filter((s) => s !== ''))
  .pipe(z.array(AuditActionSchema).max(AUDIT_ACTIONS.length));

export const AuditQuerySchema = z
  .object({
    boardId: IdSchema,
    cardId: IdSchema.optional(),
    userId: IdSchema.optional(),
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    action: actionList.optional(),
    limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(100),
    before: z.coerce.number().int().min(1).optional(),
  })
  .strict();
export type AuditQueryParams = z.infer<typeof AuditQuerySchema>;

/** Start of a Danish calendar day as epoch ms (23 or 25 hours long around DST changes). */
export function danishDayStart(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, TIME_ZONE).getTime();
}

/** `from`/`to` days as the half-open instant range the storage searches. */
export function auditPeriod(from?: string, to?: string): { from?: number; to?: number } {
  const out: { from?: number; to?: number } = {};
  if (from) out.from = danishDayStart(from);
  if (to) {
    const [y, m, d] = to.split('-').map(Number) as [number, number, number];
    out.to = new TZDate(y, m - 1, d + 1, TIME_ZONE).getTime();
  }
  return out;
}

export const AuditItemSchema = z.object({
  id: z.number(),
  /** ISO timestamp. */
  at: z.string(),
  action: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  role: z.string().nullable(),
  cardId: z.string().nullable(),
  /** The citizen's name now (live board or archive); null once purged or never known. */
  citizen: z.string().nullable(),
  field: z.string().nullable(),
  from: z.union([z.string(), z.number(), z.boolean()]).nullable(),
  to: z.union([z.string(), z.number(), z.boolean()]).nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditItem = z.infer<typeof AuditItemSchema>;

export const AuditPageSchema = z.object({
  items: z.array(AuditItemSchema),
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: z.number().nullable(),
  /**
   * Display names for user ids inside the entries' values (who decided a request, who
   * completed a follow-up), so the page shows names; the values themselves stay raw.
   */
  names: z.record(z.string(), z.string()).default({}),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

export const AuditUsersResponseSchema = z.object({
  users: z.array(z.object({ id: z.string(), name: z.string(), role: RoleSchema })),
});
export type AuditUsersResponse = z.infer<typeof AuditUsersResponseSchema>;

/** Citizens to filter by: the live board's cards (by name) and archived forløb matching `q`. */
export const AuditCitizensResponseSchema = z.object({
  citizens: z.array(z.object({ cardId: z.string(), name: z.string(), archived: z.boolean() })),
});
export type AuditCitizensResponse = z.infer<typeof AuditCitizensResponseSchema>;

/** socket.io `audit:view`: the client opened a citizen's detail panel. */
export const AuditViewRequestSchema = z.object({ boardId: IdSchema, cardId: IdSchema }).strict();
export type AuditViewRequest = z.infer<typeof AuditViewRequestSchema>;
export type AuditViewAck =
  { ok: true } | { ok: false; error: { code: 'invalid_request' | 'not_found'; message: string } };

/** What each action is called, for the audit page and the CSV export. */
export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, { da: string; en: string }>> = {
  card_created: { da: 'Borger oprettet', en: 'Citizen created' },
  card_deleted: { da: 'Borger slettet', en: 'Citizen deleted' },
  card_moved: { da: 'Flyttet', en: 'Moved' },
  card_closed: { da: 'Forløb afsluttet', en: 'Forløb closed' },
  card_reopened: { da: 'Forløb genåbnet', en: 'Forløb reopened' },
  triage_changed: { da: 'Triage ændret', en: 'Triage changed' },
  card_changed: { da: 'Felt ændret', en: 'Field changed' },
  card_viewed: { da: 'Borger åbnet', en: 'Citizen opened' },
  write_rejected: { da: 'Ændring afvist', en: 'Change rejected' },
  audit_viewed: { da: 'Revisionsspor læst', en: 'Audit log read' },
  audit_exported: { da: 'Revisionsspor hentet (CSV)', en: 'Audit log exported (CSV)' },
  visits_imported: { da: 'Besøg importeret', en: 'Visits imported' },
  retention_purged: { da: 'Sletning efter opbevaringsperiode', en: 'Retention purge' },
  board_restored: { da: 'Tavle gendannet', en: 'Board restored' },
  card_restored: { da: 'Borger gendannet', en: 'Citizen restored' },
  login: { da: 'Logget ind', en: 'Signed in' },
  login_failed: { da: 'Mislykket login', en: 'Failed sign-in' },
  board_printed: { da: 'Printede tavlen', en: 'Printed the board' },
  free_item_created: { da: 'Besked sat op', en: 'Message put up' },
  free_item_changed: { da: 'Besked rettet', en: 'Message edited' },
  free_item_deleted: { da: 'Besked taget ned', en: 'Message taken down' },
};

export function auditActionLabel(action: string, lang: 'da' | 'en'): string {
  return (AUDIT_ACTION_LABELS as Record<string, { da: string; en: string } | undefined>)[action]?.[lang] ?? action;
}

/** Names of the card fields an audit entry can name (the first part of its `field` path). */
export const AUDIT_FIELD_LABELS: Readonly<Record<string, { da: string; en: string }>> = {
  position: { da: 'Fase', en: 'Phase' },
  triage: { da: 'Triage', en: 'Triage' },
  closure: { da: 'Afslutning', en: 'Closure' },
  name: { da: 'Navn', en: 'Name' },
  initials: { da: 'Initialer', en: 'Initials' },
  forlobType: { da: 'Forløbstype', en: 'Forløb type' },
  contactPerson: { da: 'Kontaktperson', en: 'Contact person' },
  nextDueDate: { da: 'Næste frist', en: 'Next due date' },
  note: { da: 'Note', en: 'Note' },
  visitationDate: { da: 'Visitationsdato', en: 'Assessment date' },
  startDate: { da: 'Startdato', en: 'Start date' },
  cadenceTemplateId: { da: 'Opfølgningsplan', en: 'Follow-up plan' },
  forlobTypeId: { da: 'Forløbstype (katalog)', en: 'Forløb type (catalogue)' },
  legalBasis: { da: 'Lovgrundlag', en: 'Legal basis' },
  weeklyHours: { da: 'Visiteret tid (timer/uge)', en: 'Granted time (hours/week)' },
  externalRef: { da: 'Borger-nr. i planlægningssystemet', en: 'Citizen no. in the planning system' },
  secondaryContact: { da: 'Sekundær kontaktperson', en: 'Secondary contact' },
  temporaryChange: { da: 'Midlertidig ændring', en: 'Temporary change' },
  opstart: { da: 'Opstart', en: 'Start-up' },
  followUps: { da: 'Opfølgning', en: 'Follow-up' },
  decisions: { da: 'Afgørelse', en: 'Decision' },
  goals: { da: 'Mål', en: 'Goal' },
  relatives: { da: 'Pårørende', en: 'Relative' },
  requests: { da: 'Anmodning', en: 'Request' },
  freeItems: { da: 'Dagens beskeder', en: "Today's messages" },
};

/**
 * A field path for people: "goals.g1.status" → "Mål › g1 › status"; unknown paths as they are.
 * The raw path stays in the data (and in the CSV's Detaljer) for programs.
 */
export function auditFieldLabel(path: string, lang: 'da' | 'en'): string {
  const [head = '', ...rest] = path.split('.');
  const label = AUDIT_FIELD_LABELS[head]?.[lang];
  if (!label) return path;
  return rest.length === 0 ? label : `${label} › ${rest.join(' › ')}`;
}
