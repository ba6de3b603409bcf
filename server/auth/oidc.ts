import { createHash } from 'node:crypto';
import * as client from 'openid-client';
import { newId } from '../../shared/model/ids.js';
import type { SessionUser } from '../../shared/model/user.js';
import type { OidcLoginError } from '../../shared/protocol/auth.js';
import type { OidcConfig } from '../config.js';
import type { Logger } from '../logging.js';
import type { Storage, UserRecord } from '../storage/types.js';
import { matchTeams, mapClaims, mergeClaims, needsUserinfo, type Claims, type ClaimRules } from './oidcClaims.js';
import type { Sessions } from './sessions.js';

/** A sign-in must come back from the provider within this time. */
export const OIDC_FLOW_TTL_MS = 10 * 60_000;
/** Bounded, so spamming /start cannot grow memory without limit; the oldest pending flows go first. */
const MAX_PENDING = 10_000;

export interface PendingFlow {
  nonce: string;
  codeVerifier: string;
  expiresAt: number;
}

/**
 * Where started sign-ins wait for the provider's callback, keyed by `state`: this process's
 * memory, or Redis with several nodes (server/cluster/oidcFlows.ts), so a sign-in started on
 * one node completes on another. `take` returns a flow at most once.
 */
export interface PendingFlows {
  put(state: string, flow: PendingFlow): Promise<void>;
  take(state: string): Promise<PendingFlow | null>;
}

export type OidcFinish =
  { ok: true; token: string; user: SessionUser } | { ok: false; code: OidcLoginError; detail?: string };

/** Colours for users created on first sign-in (the demo users have their own). */
const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22'];
const colorFor = (username: string): string =>
  COLORS[createHash('sha256').update(username).digest()[0]! % COLORS.length]!;

/**
 * The relying party: authorization-code flow with PKCE, state and nonce (openid-client does the
 * protocol and ID-token validation), then claims → local user → an ordinary Tavlen session.
 * State, nonce and PKCE verifier stay on the server, keyed by `state`, and are used once; the
 * browser holds `state` in an HttpOnly cookie so a callback only completes in the browser that
 * started it (no login CSRF).
 */
export class OidcSignIn {
  private readonly pending: PendingFlows;
  private discovered: Promise<client.Configuration> | null = null;
  private readonly rules: ClaimRules;

  constructor(
    readonly config: OidcConfig,
    private readonly deps: {
      storage: Storage;
      sessions: Sessions;
      log: Logger;
      now?: () => number;
      pending?: PendingFlows;
    },
  ) {
    this.pending = deps.pending ?? new MemoryFlows(() => this.now());
    this.rules = {
      usernameClaim: config.usernameClaim,
      nameClaim: config.nameClaim,
      roleClaim: config.roleClaim,
      teamsClaim: config.teamsClaim,
      roleMap: config.roleMap,
    };
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** Discovery once; a failure is not cached, so the next sign-in tries again. */
  private configuration(): Promise<client.Configuration> {
    this.discovered ??= client
      .discovery(
        this.config.issuer,
        this.config.clientId,
        { client_secret: this.config.clientSecret, redirect_uris: [this.config.redirectUri.href] },
        client.ClientSecretBasic(this.config.clientSecret),
        {
          timeout: 10,
          execute: [
            ...(this.config.allowHttp ? [client.allowInsecureRequests] : []),
            // Also verify the ID token's signature against the provider's published keys.
            client.enableNonRepudiationChecks,
          ],
        },
      )
      .catch((err: unknown) => {
        this.discovered = null;
        throw err;
      });
    return this.discovered;
  }

  /** The provider's authorization URL and the `state` to keep in the browser's cookie. */
  async start(): Promise<{ ok: true; url: URL; state: string } | { ok: false; code: OidcLoginError }> {
    let config: client.Configuration;
    try {
      config = await this.configuration();
    } catch (err) {
      this.deps.log.warn('oidc discovery failed', { err });
      return { ok: false, code: 'oidc_unavailable' };
    }
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    try {
      await this.pending.put(state, { nonce, codeVerifier, expiresAt: this.now() + OIDC_FLOW_TTL_MS });
    } catch (err) {
      // Without a place to keep the flow the callback could not complete: say so now.
      this.deps.log.warn('oidc flow could not be kept', { err });
      return { ok: false, code: 'oidc_unavailable' };
    }
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.config.redirectUri.href,
      scope: this.config.scopes,
      response_type: 'code',
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return { ok: true, url, state };
  }

  /**
   * Completes a sign-in from the callback's query string. `cookieState` is the state cookie of the
   * browser that calls back; it must equal the returned `state`, which is then spent.
   */
  async finish(query: URLSearchParams, cookieState: string | null): Promise<OidcFinish> {
    const result = await this.finishInner(query, cookieState);
    const { storage } = this.deps;
    await storage.appendAudit({
      at: this.now(),
      userId: result.ok ? result.user.id : null,
      boardId: null,
      cardId: null,
      action: result.ok ? 'login' : 'login_failed',
      detail: result.ok
        ? { method: 'oidc' }
        : { method: 'oidc', reason: result.code, ...(result.detail ? { username: result.detail } : {}) },
    });
    return result;
  }

  private async finishInner(query: URLSearchParams, cookieState: string | null): Promise<OidcFinish> {
    const state = query.get('state');
    if (!state || !cookieState || state !== cookieState) return { ok: false, code: 'oidc_state' };
    let flow: PendingFlow | null;
    try {
      flow = await this.pending.take(state); // single use, whatever happens next
    } catch (err) {
      this.deps.log.warn('oidc flow could not be read', { err });
      return { ok: false, code: 'oidc_unavailable' };
    }
    if (!flow || flow.expiresAt <= this.now()) return { ok: false, code: 'oidc_state' };
    if (query.get('error') === 'access_denied') return { ok: false, code: 'oidc_denied' };

    let config: client.Configuration;
    try {
      config = await this.configuration();
    } catch (err) {
      this.deps.log.warn('oidc discovery failed', { err });
      return { ok: false, code: 'oidc_unavailable' };
    }

    // The URL the provider redirected to, rebuilt from configuration rather than Host headers.
    const currentUrl = new URL(this.config.redirectUri);
    currentUrl.search = query.toString();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      if (err instanceof client.AuthorizationResponseError && err.error === 'access_denied') {
        return { ok: false, code: 'oidc_denied' };
      }
      this.deps.log.warn('oidc code exchange failed', { err });
      return { ok: false, code: 'oidc_failed' };
    }
    const idClaims = tokens.claims();
    if (!idClaims) return { ok: false, code: 'oidc_failed' };

    let userinfo: Claims | null = null;
    if (needsUserinfo(idClaims, this.rules) && config.serverMetadata().userinfo_endpoint) {
      try {
        userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      } catch (err) {
        // Missing claims then refuse the sign-in below, with the reason that names them.
        this.deps.log.warn('oidc userinfo failed', { err });
      }
    }
    return this.signIn(`${idClaims.iss} ${idClaims.sub}`, mergeClaims(idClaims, userinfo));
  }

  /** Claims → local user (link, create or refuse) → session. `subject` is "<issuer> <sub>". */
  private async signIn(subject: string, claims: Claims): Promise<OidcFinish> {
    const { storage, sessions } = this.deps;
    const mapped = mapClaims(claims, this.rules);
    if (!mapped.ok) return { ok: false, code: mapped.reason, detail: mapped.username };
    const { identity } = mapped;
    const refuse = (code: OidcLoginError): OidcFinish => ({ ok: false, code, detail: identity.username });

    const teamIds = identity.teams ? matchTeams(identity.teams, await storage.allTeams()) : undefined;
    let user: UserRecord | null = await storage.findUserByOidcSubject(subject);
    if (!user) {
      const local = await storage.findUserByUsername(identity.username);
      if (local) {
        // Never linked silently: only when configured, and only a user not linked to someone else.
        if (!this.config.linkByUsername) return refuse('username_taken');
        if ((identity.role ?? local.role) === 'skaerm') return refuse('role_not_allowed');
        if (!(await storage.linkUnlinkedUserOidc(local.id, subject))) return refuse('username_taken');
        user = local;
      } else if (this.config.autoCreate && identity.role) {
        const created: UserRecord = {
          id: newId('u-'),
          username: identity.username,
          passwordHash: '', // no password: verifyPassword fails on it, so only OIDC signs this user in
          role: identity.role,
          name: identity.name ?? identity.username,
          lang: 'da',
          color: colorFor(identity.username),
        };
        await storage.createOidcUser(created, subject, teamIds ?? []);
        user = created;
      } else {
        return refuse('unknown_user');
      }
    }
    if ((identity.role ?? user.role) === 'skaerm') return refuse('role_not_allowed');
    await storage.applyOidcClaims(user.id, { name: identity.name, role: identity.role, teamIds });

    const session = await sessions.createForUser(user.id);
    if (!session) return refuse('unknown_user');
    return { ok: true, ...session };
  }
}

/** One process's pending flows. Bounded, so spamming /start cannot grow memory without limit. */
class MemoryFlows implements PendingFlows {
  private readonly flows = new Map<string, PendingFlow>();

  constructor(private readonly now: () => number) {}

  async put(state: string, flow: PendingFlow): Promise<void> {
    this.sweep();
    this.flows.set(state, flow);
  }

  async take(state: string): Promise<PendingFlow | null> {
    const flow = this.flows.get(state) ?? null;
    this.flows.delete(state);
    return flow;
  }

  /** Expired flows go, then the oldest while at the bound. */
  private sweep(): void {
    const now = this.now();
    for (const [state, flow] of this.flows) if (flow.expiresAt <= now) this.flows.delete(state);
    while (this.flows.size >= MAX_PENDING) {
      const oldest = this.flows.keys().next().value;
      if (oldest === undefined) break;
      this.flows.delete(oldest);
    }
  }
}
