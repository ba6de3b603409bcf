import { format, parseISO } from 'date-fns';
import { da, enGB } from 'date-fns/locale';
import {
  CLOSURE_OUTCOME_LABELS,
  CONTACT_CHANNEL_LABELS,
  DECISION_CODE_LABELS,
  GOAL_KIND_LABELS,
  GOAL_STATUS_LABELS,
  OPSTART_PARTICIPANT_LABELS,
  REQUEST_KIND_LABELS,
  REQUEST_STATUS_LABELS,
} from '../model/lifecycle.js';
import { AUDIT_FIELD_LABELS, auditActionLabel, type AuditItem } from '../protocol/audit.js';
import { findCadenceTemplate } from './cadenceTemplates.js';
import { formatInstant, type Lang } from './dates.js';
import { followUpLabels } from './privacy.js';
import { TRIAGE_WORDS } from './triage.js';
import { refusalMessage, type RefusalCode } from './writeRules.js';

/**
 * The audit log as people read it (R36, issue #12): Danish names for actions, fields and
 * values, people's names instead of user ids, Danish time. Pure: the stored entry keeps the
 * raw values (the CSV exports them for the data controller); this only renders them.
 *
 * `names` maps ids the server was allowed to resolve (the users who acted on the board) to
 * display names; an id it could not resolve is shown as it is rather than hidden.
 */
export type AuditNames = Readonly<Record<string, string>>;

type Label = { da: string; en: string };
type Labels = Readonly<Record<string, Label>>;

/** The last part of a field path, for people ("decidedAt" → "Afgjort"). */
const SUBFIELD_LABELS: Labels = {
  plannedDate: { da: 'Planlagt dato', en: 'Planned date' },
  participants: { da: 'Deltagere', en: 'Participants' },
  heldOn: { da: 'Holdt', en: 'Held on' },
  note: { da: 'Note', en: 'Note' },
  text: { da: 'Tekst', en: 'Text' },
  endDate: { da: 'Slutdato', en: 'End date' },
  outcome: { da: 'Hvordan forløbet sluttede', en: 'How it ended' },
  closedOn: { da: 'Afsluttet', en: 'Closed on' },
  visitatorParticipated: { da: 'Visitator deltog', en: 'Visitator took part' },
  date: { da: 'Dato', en: 'Date' },
  by: { da: 'Af', en: 'By' },
  byName: { da: 'Navn', en: 'Name' },
  decisionId: { da: 'Afgørelse', en: 'Decision' },
  code: { da: 'Afgørelse', en: 'Decision' },
  reason: { da: 'Begrundelse', en: 'Reason' },
  at: { da: 'Tidspunkt', en: 'Time' },
  followUpId: { da: 'Opfølgning', en: 'Follow-up' },
  kind: { da: 'Type', en: 'Kind' },
  status: { da: 'Status', en: 'Status' },
  name: { da: 'Navn', en: 'Name' },
  relation: { da: 'Relation', en: 'Relation' },
  phone: { da: 'Telefon', en: 'Phone' },
  channel: { da: 'Kontaktform', en: 'Contact by' },
  consent: { da: 'Samtykke', en: 'Consent' },
  goodNews: { da: 'Vil have gode nyheder', en: 'Wants good news' },
  decidedBy: { da: 'Afgjort af', en: 'Decided by' },
  decidedByName: { da: 'Afgjort af (navn)', en: 'Decided by (name)' },
  decidedAt: { da: 'Afgjort', en: 'Decided' },
  decisionNote: { da: 'Visitators bemærkning', en: "Visitator's note" },
  reviewedAt: { da: 'Gennemgået med planlægger', en: 'Reviewed with the planner' },
  reviewedBy: { da: 'Gennemgået af', en: 'Reviewed by' },
  reviewedByName: { da: 'Gennemgået af (navn)', en: 'Reviewed by (name)' },
  what: { da: 'Sagde nej tak til', en: 'Declined' },
};

/** Value labels that depend on where the value sits: `${collection}.${subfield}` or a field. */
const VALUE_LABELS: Readonly<Record<string, Labels>> = {
  'goals.status': GOAL_STATUS_LABELS,
  'goals.kind': GOAL_KIND_LABELS,
  'requests.status': REQUEST_STATUS_LABELS,
  'requests.kind': REQUEST_KIND_LABELS,
  'decisions.code': DECISION_CODE_LABELS,
  'relatives.channel': CONTACT_CHANNEL_LABELS,
  'closure.outcome': CLOSURE_OUTCOME_LABELS,
  closure: CLOSURE_OUTCOME_LABELS,
  triage: TRIAGE_WORDS,
};

const COLLECTIONS = new Set(['followUps', 'decisions', 'goals', 'relatives', 'requests', 'declines', 'offerLinks']);
/** Fields whose values are user ids (ActorIdSchema); the server resolves them in `names`. */
export const AUDIT_USER_ID_FIELDS: ReadonlySet<string> = new Set(['by', 'decidedBy', 'reviewedBy']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

interface FieldPath {
  head: string;
  /** The item id inside a collection ("g1", "week-5"), null outside one. */
  itemId: string | null;
  /** The rest of the path ("status"), '' for the field or item itself. */
  sub: string;
}

function parsePath(path: string): FieldPath {
  const [head = '', ...rest] = path.split('.');
  if (COLLECTIONS.has(head)) return { head, itemId: rest[0] ?? null, sub: rest.slice(1).join('.') };
  return { head, itemId: null, sub: rest.join('.') };
}

/** "7. dec. 2026" / "7 Dec 2026" for a calendar date (no time zone: it is a day, not an instant). */
export function auditDate(date: string, lang: Lang): string {
  const text = format(parseISO(date), lang === 'da' ? 'd. MMM yyyy' : 'd MMM yyyy', {
    locale: lang === 'da' ? da : enGB,
  });
  return text.replace(/\.\./g, '.');
}

/** A field path for people: "requests.r1.decidedAt" → "Anmodning › Afgjort", "followUps.week-5" → "Opfølgning uge 5". */
export function auditFieldText(path: string, lang: Lang): string {
  const { head, itemId, sub } = parsePath(path);
  const base =
    head === 'followUps' && itemId
      ? lang === 'da'
        ? followUpLabels(itemId).label
        : followUpLabels(itemId).labelEn
      : AUDIT_FIELD_LABELS[head]?.[lang];
  if (!base) return path;
  if (!sub) return base;
  const subLabel = sub
    .split('.')
    .map((s) => SUBFIELD_LABELS[s]?.[lang] ?? s)
    .join(' › ');
  return `${base} › ${subLabel}`;
}

/** One value of a field as people read it; '' for no value. */
export function auditValueText(
  field: string | null,
  value: string | number | boolean | null,
  names: AuditNames,
  lang: Lang,
): string {
  if (value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? (lang === 'da' ? 'Ja' : 'Yes') : lang === 'da' ? 'Nej' : 'No';
  if (typeof value === 'number') return lang === 'da' ? String(value).replace('.', ',') : String(value);
  const { head, itemId, sub } = field ? parsePath(field) : { head: '', itemId: null, sub: '' };
  const last = sub.split('.').pop() ?? '';
  const labels = VALUE_LABELS[sub ? `${head}.${last}` : head];
  if (labels?.[value]) return labels[value][lang];
  if (AUDIT_USER_ID_FIELDS.has(last)) return names[value] ?? value;
  if (head === 'cadenceTemplateId') return findCadenceTemplate(value)?.name ?? value;
  if (last === 'followUpId') return lang === 'da' ? followUpLabels(value).label : followUpLabels(value).labelEn;
  if (head === 'opstart' && last === 'participants') {
    return value
      .split(', ')
      .map((p) => (OPSTART_PARTICIPANT_LABELS as Labels)[p]?.[lang] ?? p)
      .join(', ');
  }
  // A whole request is summarised as "kind: reason" (auditDiff's itemSummary).
  if (head === 'requests' && itemId && !sub) {
    const [kind, ...rest] = value.split(': ');
    const label = kind ? (REQUEST_KIND_LABELS as Labels)[kind]?.[lang] : undefined;
    if (label && rest.length > 0) return `${label}: ${rest.join(': ')}`;
  }
  if (ISO_DATE.test(value)) return auditDate(value, lang);
  if (ISO_INSTANT.test(value)) return formatInstant(value, 'dateTime', lang);
  return value;
}

export interface AuditRowText {
  at: string;
  action: string;
  field: string;
  from: string;
  to: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A whole audit entry as people read it: time in Danish time, action, field, before and after. */
export function auditRowText(item: AuditItem, names: AuditNames, lang: Lang): AuditRowText {
  const d = item.detail;
  const row: AuditRowText = {
    at: formatInstant(item.at, 'dateTime', lang),
    action: auditActionLabel(item.action, lang),
    field: item.field ? auditFieldText(item.field, lang) : '',
    from: auditValueText(item.field, item.from, names, lang),
    to: auditValueText(item.field, item.to, names, lang),
  };
  switch (item.action) {
    case 'card_created':
      return { ...row, field: auditFieldText('position', lang), to: str(d.phase) ?? '' };
    case 'card_deleted':
      return { ...row, field: auditFieldText('position', lang), from: str(d.phase) ?? '' };
    case 'card_closed': {
      const on = str(d.closedOn);
      return { ...row, to: on ? `${row.to} (${auditDate(on, lang)})` : row.to };
    }
    case 'write_rejected': {
      const code = str(d.code);
      return { ...row, to: code ? ((refusalMessage(code as RefusalCode) as string | undefined) ?? code) : '' };
    }
    case 'board_restored':
    case 'card_restored': {
      const to = str(d.to);
      return { ...row, to: to ? formatInstant(to, 'dateTime', lang) : '' };
    }
    default:
      return row;
  }
}
