/** Column droppables get a prefix so a card id can never be mistaken for a column. */
const COLUMN_PREFIX = 'column:';

export const columnDropId = (phaseId: string): string => COLUMN_PREFIX + phaseId;

export function phaseOfDropId(id: string | number): string | null {
  const s = String(id);
  return s.startsWith(COLUMN_PREFIX) ? s.slice(COLUMN_PREFIX.length) : null;
}
