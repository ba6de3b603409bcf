import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { VisitRowError } from '../../shared/model/visits.js';
import type { StyringGroup, StyringResponse } from '../../shared/protocol/styring.js';
import { CLOSURE_OUTCOME_LABELS, type ClosureOutcome } from '../../shared/model/lifecycle.js';
import { safeCell } from '../audit/csv.js';

/*
 * CSV in and out of the cockpit (issue #13). In: the visit file a municipality exports from its
 * planning system (docs/protocol.md "Import of visits"). Out: every figure of the cockpit, like
 * the audit export: UTF-8 with BOM, Danish headers, formula-escaped cells.
 */

/** Header (lower-cased, trimmed) → field of model/visits.ts. Danish and the JSON names both work. */
const HEADERS: Readonly<Record<string, string>> = {
  visitid: 'visitId',
  'besøgs-id': 'visitId',
  besøgsid: 'visitId',
  citizenref: 'citizenRef',
  'borger-nr.': 'citizenRef',
  'borger-nr': 'citizenRef',
  borgernr: 'citizenRef',
  date: 'date',
  dato: 'date',
  plannedminutes: 'plannedMinutes',
  'planlagte minutter': 'plannedMinutes',
  deliveredminutes: 'deliveredMinutes',
  'leverede minutter': 'deliveredMinutes',
  helptype: 'helpType',
  ydelse: 'helpType',
};
const NUMBER_FIELDS = new Set(['plannedMinutes', 'deliveredMinutes']);

export interface ParsedVisitCsv {
  rows: unknown[];
  /** File line of each row (the header is line 1), for errors people can find in Excel. */
  lines: number[];
  errors: VisitRowError[];
}

/**
 * Parses a visit file: `;` or `,` separated (Danish Excel writes `;`), a header row naming
 * the columns, a BOM allowed. Cells stay text except the minutes, which become numbers when
 * they are whole numbers, so the one schema gives the same Danish errors as for JSON.
 */
export function parseVisitCsv(text: string): ParsedVisitCsv {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    return { rows: [], lines: [], errors: [{ row: line, message: 'Filen kunne ikke læses som CSV her.' }] };
  }
  const [header, ...data] = records;
  if (!header) return { rows: [], lines: [], errors: [{ row: 1, message: 'Filen er tom.' }] };
  const fields = header.record.map((h) => HEADERS[h.trim().toLowerCase()] ?? null);
  const unknown = header.record.filter((_h, i) => fields[i] === null);
  if (unknown.length > 0) {
    return {
      rows: [],
      lines: [],
      errors: [
        {
          row: 1,
          message: `Ukendt kolonne: ${unknown.join(', ')}. Kolonnerne er besøgs-id, borger-nr., dato, planlagte minutter, leverede minutter, ydelse.`,
        },
      ],
    };
  }
  const rows = data.map(({ record }) => {
    const row: Record<string, unknown> = {};
    fields.forEach((field, i) => {
      const cell = record[i];
      if (field === null || cell === undefined || cell === '') return;
      row[field] = NUMBER_FIELDS.has(field) && /^-?\d+$/.test(cell) ? Number(cell) : cell;
    });
    return row;
  });
  return { rows, lines: data.map((d) => d.info.lines), errors: [] };
}

const bom = (rows: unknown[][]) =>
  `\uFEFF${stringify(
    rows.map((r) => r.map(safeCell)),
    { record_delimiter: '\r\n' },
  )}`;

const hours = (minutes: number | null) => (minutes === null ? '' : (minutes / 60).toFixed(1).replace('.', ','));

/** The time figures of one group, one row per week. */
export function timeCsv(data: StyringResponse, g: StyringGroup): string {
  return bom([
    [
      'Gruppe',
      'Uge',
      'Fra',
      'Til',
      'Dage med data',
      'Borgere',
      'Visiteret (timer)',
      'Planlagt (timer)',
      'Leveret (timer)',
      'Samlet balance (timer)',
      'Borgere over',
      'Timer over',
      'Borgere under',
      'Timer under',
      'Personaletimer',
      'Leveret af personaletimer (%)',
    ],
    ...g.time.map((w) => [
      g.name,
      w.week.number,
      w.week.start,
      w.week.end,
      w.coveredDays,
      w.citizens,
      hours(w.grantedMinutes),
      hours(w.plannedMinutes),
      hours(w.deliveredMinutes),
      hours(w.balanceMinutes),
      w.citizensOver,
      hours(w.minutesOver),
      w.citizensUnder,
      hours(w.minutesUnder),
      hours(w.staffMinutes),
      w.staffingShare === null ? '' : Math.round(w.staffingShare * 100),
    ]),
  ]);
}

/** What happened to the forløb, one row per week. */
export function eventsCsv(g: StyringGroup): string {
  const outcomes = Object.keys(CLOSURE_OUTCOME_LABELS) as ClosureOutcome[];
  return bom([
    [
      'Gruppe',
      'Uge',
      'Startet',
      ...outcomes.map((o) => `Afsluttet: ${CLOSURE_OUTCOME_LABELS[o].da}`),
      'Skift E2',
      'Skift E4 (revisitation)',
      'Skift af forløbstype',
      'Farveskift',
      'Anmodninger sendt',
      'Anmodninger afgjort',
      'Gns. ventetid (timer)',
      'Bytteydelser',
    ],
    ...g.events.map((w) => [
      g.name,
      w.week.number,
      w.started,
      ...outcomes.map((o) => w.closed[o] ?? 0),
      w.switchedE2,
      w.switchedE4,
      w.switchedType,
      w.triageChanges,
      w.requestsCreated,
      w.requestsDecided,
      hours(w.averageWaitMinutes),
      w.swaps,
    ]),
  ]);
}

/** The budget frame and the state figures of each group. */
export function budgetCsv(data: StyringResponse): string {
  return bom([
    [
      'Gruppe',
      'Aktive borgere',
      'Med borger-nr.',
      'Frister overskredet',
      'Ikke drøftet i 14 dage',
      'Responstid overskredet',
      'Budgetramme (kr./uge)',
      'Borgere uden takst',
      'Budget (kr./uge)',
      'Forskel (kr./uge)',
    ],
    ...data.groups.map((g) => [
      g.name,
      g.activeCitizens,
      g.linkedCitizens,
      g.overdueFollowUps ?? '',
      g.notDiscussed ?? '',
      g.responseOverdue ?? '',
      g.budget.frame,
      g.budget.withoutRate,
      g.budget.budget ?? '',
      g.budget.difference ?? '',
    ]),
  ]);
}
