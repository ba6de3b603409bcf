import type { Request, Response } from 'express';
import type { SessionUser } from '../../shared/model/user.js';
import type { Sessions } from '../auth/sessions.js';
import { ApiError } from '../errors.js';

/** The signed-in user of a request, or 401. */
export async function requireUser(sessions: Sessions, req: Request): Promise<SessionUser> {
  const user = await sessions.sessionFromCookieHeader(req.headers.cookie);
  if (!user) throw new ApiError('unauthenticated');
  return user;
}

/** Secure cookies only when we know the browser talks https (behind a trusted TLS proxy). */
export function secureCookies(trustProxy: boolean, req: Request): boolean {
  return trustProxy && req.secure;
}

export function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
}
