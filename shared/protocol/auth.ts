import { z } from 'zod';

/**
 * Sign-in methods the server offers, and the OpenID Connect error codes it sends back to the
 * login page as `/?loginError=<code>`:
 *
 *   GET /api/auth/providers        → 200 AuthProvidersResponse
 *   GET /api/auth/oidc/start       → 302 to the identity provider
 *   GET /api/auth/oidc/callback    → 302 to / (session cookie set) or /?loginError=<code>
 */
export const AuthProvidersResponseSchema = z.object({
  password: z.literal(true),
  oidc: z.object({ label: z.string() }).nullable(),
});
export type AuthProvidersResponse = z.infer<typeof AuthProvidersResponseSchema>;

export const OIDC_LOGIN_ERRORS = [
  /** The sign-in was not started here, took too long, or was already used (state/cookie). */
  'oidc_state',
  /** The person cancelled or the provider refused at its end. */
  'oidc_denied',
  /** The identity provider could not be reached. */
  'oidc_unavailable',
  /** Any other protocol failure (token exchange, ID token validation). */
  'oidc_failed',
  'missing_username',
  'missing_role',
  'unknown_role',
  /** The role would be `skaerm`, which is never granted through OpenID Connect. */
  'role_not_allowed',
  'unknown_user',
  'username_taken',
] as const;
export type OidcLoginError = (typeof OIDC_LOGIN_ERRORS)[number];

export const isOidcLoginError = (v: unknown): v is OidcLoginError =>
  typeof v === 'string' && (OIDC_LOGIN_ERRORS as readonly string[]).includes(v);
