import { z } from 'zod';
import { RoleSchema, type Role } from '../model/user.js';
import type { Card } from '../model/card.js';
import type { Phase } from '../model/phase.js';
import { isClosedCard } from './lifecycle.js';

/*
 * The delegation matrix (digest R14): which roles may create, adjust up, adjust down,
 * close or change the type of a forløb. Each municipality chooses a preset or its own
 * matrix; the server classifies every change with `protectedOperations` and checks each
 * operation with `isAllowed`. The UI only mirrors it.
 */

export const OPERATIONS = ['create', 'adjustUp', 'adjustDown', 'close', 'changeType'] as const;
export const OperationSchema = z.enum(OPERATIONS);
export type Operation = z.infer<typeof OperationSchema>;

export const OPERATION_LABELS: Readonly<Record<Operation, { da: string; en: string }>> = {
  create: { da: 'Oprette forløb', en: 'Create forløb' },
  adjustUp: { da: 'Justere op (mere tid)', en: 'Adjust up (more time)' },
  adjustDown: { da: 'Justere ned (mindre tid)', en: 'Adjust down (less time)' },
  close: { da: 'Afslutte forløb', en: 'Close forløb' },
  changeType: { da: 'Skifte forløbstype', en: 'Change forløb type' },
};

const roleSet = z.array(RoleSchema).transform((roles) => [...new Set(roles)]);

/** Operation → roles allowed to do it. Every operation must be listed (possibly empty). */
export const DelegationMatrixSchema = z.object({
  create: roleSet,
  adjustUp: roleSet,
  adjustDown: roleSet,
  close: roleSet,
  changeType: roleSet,
});
export type DelegationMatrix = Record<Operation, Role[]>;

/** The authority side: always allowed everything in the presets. */
const AUTHORITY: Role[] = ['visitator', 'administrator'];
/** The roles of the fixed home-care team (Solrød "team 83a": koordinator and staff). */
const TEAM: Role[] = ['leder', 'koordinator', 'sygeplejerske', 'terapeut', 'ssa', 'ssh'];
/** Favrskov's rehabilitation team: the therapists. */
const REHAB_TEAM: Role[] = ['terapeut'];

export const DelegationPresetIdSchema = z.enum(['standard', 'solrod', 'favrskov']);
export type DelegationPresetId = z.infer<typeof DelegationPresetIdSchema>;

export interface DelegationPreset {
  id: DelegationPresetId;
  name: string;
  description: string;
  source: string;
  matrix: DelegationMatrix;
}

/**
 * - standard: the traditional model, only the visitator (and the administrator) creates,
 *   adjusts, closes and changes type (S0:436-441).
 * - solrod: the team may adjust down and close (then "blot sende visitator en advis"),
 *   never up: keeping the service level is the visitator's job (S2:3208-3232).
 * - favrskov: the rehab team may close "men ikke oprette" ydelser (S2:3554-3559). Ending
 *   ydelser is also what adjusting down means, so the rehab team may adjust down too;
 *   creating, adjusting up and changing type stay with the visitator ("holde styr på
 *   økonomien").
 */
export const DELEGATION_PRESETS: readonly DelegationPreset[] = Object.freeze([
  {
    id: 'standard',
    name: 'Standard – visitator træffer alle afgørelser',
    description: 'Kun visitator (og administrator) opretter, justerer, afslutter og skifter forløb.',
    source: 'S0:436-441',
    matrix: {
      create: [...AUTHORITY],
      adjustUp: [...AUTHORITY],
      adjustDown: [...AUTHORITY],
      close: [...AUTHORITY],
      changeType: [...AUTHORITY],
    },
  },
  {
    id: 'solrod',
    name: 'Solrød – teamet justerer ned og afslutter',
    description:
      'Teamet må justere ned og afslutte forløb efter aftale med borgeren og sender visitator en advis. Kun visitator justerer op, opretter og skifter forløb.',
    source: 'S2:3208-3232',
    matrix: {
      create: [...AUTHORITY],
      adjustUp: [...AUTHORITY],
      adjustDown: [...AUTHORITY, ...TEAM],
      close: [...AUTHORITY, ...TEAM],
      changeType: [...AUTHORITY],
    },
  },
  {
    id: 'favrskov',
    name: 'Favrskov – rehabiliteringsteamet afslutter, men opretter ikke',
    description:
      'Rehabiliteringsteamet (terapeuterne) må afslutte ydelser og forløb og dermed justere ned, men ikke oprette, justere op eller skifte forløb.',
    source: 'S2:3554-3559, S2:3336-3338',
    matrix: {
      create: [...AUTHORITY],
      adjustUp: [...AUTHORITY],
      adjustDown: [...AUTHORITY, ...REHAB_TEAM],
      close: [...AUTHORITY, ...REHAB_TEAM],
      changeType: [...AUTHORITY],
    },
  },
]);

export function delegationPreset(id: DelegationPresetId): DelegationPreset {
  const preset = DELEGATION_PRESETS.find((p) => p.id === id);
  if (!preset) throw new RangeError(`Ukendt delegationsmodel ${id}`);
  return preset;
}

/** May `role` do `op` under `matrix`? The wall screen (`skaerm`) never may, whatever the matrix says. */
export function isAllowed(matrix: DelegationMatrix, role: Role, op: Operation): boolean {
  if (role === 'skaerm') return false;
  return matrix[op].includes(role);
}

/** The operations of `ops` that `role` may not do (empty: the change is allowed). */
export function forbiddenOperations(matrix: DelegationMatrix, role: Role, ops: readonly Operation[]): Operation[] {
  return ops.filter((op) => !isAllowed(matrix, role, op));
}

/**
 * What a change of one card does, in the delegation matrix's terms, in OPERATIONS order:
 * - create: the card appeared, or a closed card was reopened;
 * - close: the card was deleted, it became closed (closure set or moved into a 'closed'
 *   column), or the closure of a closed card was changed;
 * - adjustUp / adjustDown: visiteret tid per week rose / fell (not recorded counts as 0);
 * - changeType: `forlobTypeId` of an existing card changed.
 * A card that appears already closed counts as create and close. `phases` are the board's
 * columns (the same list for before and after).
 */
export function protectedOperations(before: Card | null, after: Card | null, phases: readonly Phase[]): Operation[] {
  const ops = new Set<Operation>();
  if (before === null && after === null) return [];
  if (after === null) return ['close'];
  if (before === null) {
    ops.add('create');
    if (isClosedCard(after, phases)) ops.add('close');
    return OPERATIONS.filter((op) => ops.has(op));
  }

  const wasClosed = isClosedCard(before, phases);
  const isClosed = isClosedCard(after, phases);
  if (!wasClosed && isClosed) ops.add('close');
  if (wasClosed && !isClosed) ops.add('create');
  const closureBefore = before.lifecycle?.closure ?? null;
  const closureAfter = after.lifecycle?.closure ?? null;
  if (
    wasClosed &&
    isClosed &&
    closureAfter !== null &&
    JSON.stringify(closureBefore) !== JSON.stringify(closureAfter)
  ) {
    ops.add('close');
  }

  const hoursBefore = before.lifecycle?.weeklyHours ?? 0;
  const hoursAfter = after.lifecycle?.weeklyHours ?? 0;
  if (hoursAfter > hoursBefore) ops.add('adjustUp');
  if (hoursAfter < hoursBefore) ops.add('adjustDown');

  if ((before.lifecycle?.forlobTypeId ?? null) !== (after.lifecycle?.forlobTypeId ?? null)) ops.add('changeType');
  return OPERATIONS.filter((op) => ops.has(op));
}
