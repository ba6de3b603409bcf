import { z } from 'zod';
import { containsCpr } from '../rules/cpr.js';
import { IsoDateSchema } from './ids.js';

/*
 * Planned and delivered visits imported from the municipality's planning system (issue #13,
 * point 2). One schema for the JSON endpoint and the CSV upload alike (docs/protocol.md
 * "Import of visits"), so both refuse exactly the same rows.
 */

const CPR_MESSAGE = 'Ligner et CPR-nummer. Brug planlægningssystemets eget borger-nr., aldrig CPR.';

/**
 * Ten digits with an optional dash read as a CPR number even when the date part is not a
 * real date: a reference that could be mistaken for one is refused, not only a valid one.
 */
const looksLikeCpr = (s: string): boolean => containsCpr(s) || /^\d{6}[-\s]?\d{4}$/.test(s.trim());

/**
 * The citizen's id in the planning system ("Borger-nr. i planlægningssystemet"). It links
 * imported visits to a card and is never a CPR number (R6: no CPR on the board).
 */
export const ExternalRefSchema = z
  .string()
  .trim()
  .max(40, 'Borger-nr. må højst være 40 tegn')
  .refine((s) => !looksLikeCpr(s), CPR_MESSAGE);

/** One visit as the planning system reports it. Minutes per visit; 0 delivered = cancelled. */
export const VisitRowSchema = z.strictObject({
  visitId: z
    .string()
    .trim()
    .min(1, 'Besøgs-id skal udfyldes')
    .max(80, 'Besøgs-id må højst være 80 tegn')
    .refine((s) => !looksLikeCpr(s), CPR_MESSAGE),
  citizenRef: ExternalRefSchema.pipe(z.string().min(1, 'Borger-nr. skal udfyldes')),
  date: IsoDateSchema,
  plannedMinutes: z
    .number({ error: 'Planlagte minutter skal være et tal' })
    .int('Planlagte minutter skal være et helt tal')
    .min(0, 'Planlagte minutter kan ikke være negative')
    .max(1440, 'Planlagte minutter kan højst være 1440 (et døgn)'),
  deliveredMinutes: z
    .number({ error: 'Leverede minutter skal være et tal' })
    .int('Leverede minutter skal være et helt tal')
    .min(0, 'Leverede minutter kan ikke være negative')
    .max(1440, 'Leverede minutter kan højst være 1440 (et døgn)'),
  helpType: z
    .string()
    .trim()
    .min(1, 'Ydelse skal udfyldes')
    .max(80, 'Ydelse må højst være 80 tegn')
    .refine((s) => !containsCpr(s), CPR_MESSAGE),
});
export type VisitRow = z.infer<typeof VisitRowSchema>;

/** Most rows in one import (a municipality's month of visits for a few teams). */
export const MAX_VISIT_ROWS = 20_000;

/** A row the import refused: its 1-based number in the batch (CSV: the data row) and why. */
export interface VisitRowError {
  row: number;
  message: string;
}

/** Danish names of the fields, for row errors ("Række 3, dato: …"). */
const FIELD_DA: Readonly<Record<string, string>> = {
  visitId: 'besøgs-id',
  citizenRef: 'borger-nr.',
  date: 'dato',
  plannedMinutes: 'planlagte minutter',
  deliveredMinutes: 'leverede minutter',
  helpType: 'ydelse',
};

/**
 * Validates a whole batch row by row. Every bad row is named (not only the first), and a
 * visit id twice in one batch is an error too: the import is all or nothing.
 */
export function validateVisitRows(rows: readonly unknown[]): { ok: VisitRow[]; errors: VisitRowError[] } {
  const ok: VisitRow[] = [];
  const errors: VisitRowError[] = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, i) => {
    const row = i + 1;
    const parsed = VisitRowSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path[0];
      const name = typeof field === 'string' ? FIELD_DA[field] : undefined;
      const message =
        issue.code === 'unrecognized_keys'
          ? `ukendt felt: ${issue.keys.join(', ')}`
          : issue.code === 'invalid_type' && raw !== null && typeof raw === 'object' && !(String(field) in raw)
            ? `${name ?? String(field)} mangler`
            : `${name ? `${name}: ` : ''}${issue.message}`;
      errors.push({ row, message });
      return;
    }
    const first = seen.get(parsed.data.visitId);
    if (first !== undefined) {
      errors.push({ row, message: `besøgs-id ${parsed.data.visitId} står også i række ${first}` });
      return;
    }
    seen.set(parsed.data.visitId, row);
    ok.push(parsed.data);
  });
  return { ok, errors };
}
