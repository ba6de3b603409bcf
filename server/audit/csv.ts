import { TZDate } from '@date-fns/tz';
import { stringify } from 'csv-stringify/sync';
import { format } from 'date-fns';
import { auditActionLabel, auditFieldLabel, type AuditItem } from '../../shared/protocol/audit.js';
import { ROLE_LABELS_DA } from '../../shared/model/user.js';
import { auditRowText, type AuditNames } from '../../shared/rules/auditText.js';
import { TIME_ZONE } from '../../shared/rules/dates.js';

export const AUDIT_CSV_HEADERS = [
  'Tidspunkt',
  'Bruger',
  'Bruger-id',
  'Rolle',
  'Borger',
  'Borger-id',
  'Handling',
  'Felt',
  'Fra',
  'Til',
  'Detaljer',
  // Raw and readable side by side: programs read the first, people the last two.
  'Tidspunkt (UTC)',
  'Handlingskode',
  'Fra (tekst)',
  'Til (tekst)',
] as const;

/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
 * apostrophe: free text written on the board must never execute in the data controller's Excel.
 */
export function safeCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : String(v);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

/**
 * The export: UTF-8 with BOM (so Excel reads æøå), Danish headers. The data controller gets
 * the raw values (ids, the ISO UTC time, the action code, values as stored) next to the
 * readable ones (Danish local time, names, "rød" for `red`); `names` resolves user ids.
 */
export function auditCsv(items: readonly AuditItem[], names: AuditNames = {}): string {
  const rows = items.map((i) => {
    const text = auditRowText(i, names, 'da');
    // The raw field path stays in Detaljer for programs; Felt is for people.
    const { role: _role, from: _from, to: _to, ...rest } = i.detail;
    return [
      format(new TZDate(Date.parse(i.at), TIME_ZONE), 'yyyy-MM-dd HH:mm:ss'),
      i.userName ?? '',
      i.userId ?? '',
      i.role ? ((ROLE_LABELS_DA as Readonly<Record<string, string>>)[i.role] ?? i.role) : '',
      i.citizen ?? '',
      i.cardId ?? '',
      auditActionLabel(i.action, 'da'),
      i.field ? auditFieldLabel(i.field, 'da') : '',
      i.from,
      i.to,
      Object.keys(rest).length > 0 ? JSON.stringify(rest) : '',
      i.at,
      i.action,
      text.from,
      text.to,
    ].map(safeCell);
  });
  return `\uFEFF${stringify([[...AUDIT_CSV_HEADERS], ...rows], { record_delimiter: '\r\n' })}`;
}
