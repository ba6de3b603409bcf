import { z } from 'zod';
import { containsCpr } from '../rules/cpr.js';

/** Ids travel in URLs and Yjs keys: keep them short and boring. */
export const IdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'id må kun indeholde bogstaver, tal, - og _');

export type Id = z.infer<typeof IdSchema>;

/** A calendar date without time, as the municipality writes it in records: YYYY-MM-DD. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dato skal være ÅÅÅÅ-MM-DD')
  .refine(isRealDate, 'ugyldig dato');

export type IsoDate = z.infer<typeof IsoDateSchema>;

/**
 * True when YYYY-MM-DD names a day that exists. `Date.parse` alone is not enough: V8
 * rolls 2026-02-30 over to 2 March instead of rejecting it, so round-trip the parts.
 */
function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  t.setUTCFullYear(y); // Date.UTC maps years 0–99 to 1900–1999
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * Random, URL-safe id. crypto.randomUUID exists in Node ≥ 19 and every browser we target.
 * About 2 % of 16 random hex digits contain ten digits in a row that read as a CPR number;
 * the server refuses anything CPR-shaped, so such ids are drawn again.
 */
export function newId(prefix = ''): string {
  for (;;) {
    const id = prefix + globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 16);
    if (!containsCpr(id)) return id;
  }
}
