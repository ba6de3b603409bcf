import type { Request } from 'express';
import type { z } from 'zod';
import type { AdminActor } from '../../shared/rules/permissions.js';
import { canOpenAdmin } from '../../shared/rules/permissions.js';
import type { Sessions } from '../auth/sessions.js';
import { ApiError } from '../errors.js';
import type { Storage } from '../storage/types.js';
import { requireUser } from './session.js';

/** Who is administering, with the municipality they administer (from storage, never the request). */
export interface AdminRequestActor extends AdminActor {
  readOnly: boolean;
  municipalityId: string;
}

/** The signed-in administrator or leder, with their municipality; anyone else 403. */
export async function adminActorOf(
  deps: { storage: Storage; sessions: Sessions },
  req: Request,
): Promise<AdminRequestActor> {
  const user = await requireUser(deps.sessions, req);
  if (!canOpenAdmin(user)) throw new ApiError('forbidden');
  const record = await deps.storage.getUser(user.id);
  if (!record?.municipalityId) throw new ApiError('forbidden');
  return {
    id: user.id,
    role: user.role,
    // Administration reaches the teams one is a member of, not those one covers or shares.
    teamIds: user.memberTeamIds ?? user.teamIds,
    readOnly: user.readOnly === true,
    municipalityId: record.municipalityId,
  };
}

/** Validates an admin request body; a Danish message per field, all of them in `details`. */
export function parseAdminBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {}, {
    error: (iss) => (iss.path?.length ? `Ugyldig værdi i feltet "${iss.path.join('.')}".` : 'Ugyldig forespørgsel.'),
  });
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new ApiError('invalid_request', [...new Set(details.map((d) => d.message))].join(' '), details);
}
