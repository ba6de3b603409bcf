import { z } from 'zod';

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
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'ugyldig dato');

export type IsoDate = z.infer<typeof IsoDateSchema>;

/** Random, URL-safe id. crypto.randomUUID exists in Node ≥ 19 and every browser we target. */
export function newId(prefix = ''): string {
  return prefix + globalThis.crypto.randomUUID().replace(/-/g, '').slice(0, 16);
}
