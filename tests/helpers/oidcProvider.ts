/**
 * A real OpenID Connect provider for tests: the maintained `oidc-provider` package, in the test
 * process, on a free port of 127.0.0.1. Only its interaction step (the login and consent screens
 * a person clicks through) is replaced, through the provider's own interaction API: it signs in
 * the account chosen with `nextAccount` and consents to what the client asks for.
 *
 *   const idp = await startOidcProvider();
 *   const port = await freePort();                         // Tavlen's, for the redirect URI
 *   idp.register(`http://127.0.0.1:${port}/api/auth/oidc/callback`);
 *   idp.account({ sub: 'k-1', preferred_username: 'kirsten', roles: ['ssh'] });
 *   idp.nextAccount = 'k-1';
 *   const srv = await startServer({ env: { PORT: String(port), ...idp.env(port) } });
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** As `nextAccount`: the person presses "cancel" at the provider. */
export const CANCEL = '(cancel)';

export interface TestAccount {
  sub: string;
  preferred_username?: string;
  name?: string;
  roles?: string[];
  groups?: string[];
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account the next login step signs in; CANCEL = the person cancels at the provider. */
  nextAccount: string;
  account(a: TestAccount): void;
  /** Registers the client with these redirect URIs; call once, before the first sign-in. */
  register(...redirectUris: string[]): void;
  /** The OIDC_* environment for a Tavlen server on `port` (http issuer allowed: test only). */
  env(port: number): Record<string, string>;
  close(): Promise<void>;
}

/** A port that was free a moment ago (the provider must know Tavlen's before Tavlen starts). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((res) => s.listen(0, '127.0.0.1', res));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((res) => s.close(() => res()));
  return port;
}

export async function startOidcProvider(): Promise<TestOidcProvider> {
  const accounts = new Map<string, TestAccount>();
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end('not registered yet');
  };
  // Listen first: the issuer URL contains the port, and the provider is built with it.
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'tavlen';
  const clientSecret = 'tavlen-test-secret-0123456789abcdef';

  const idp: TestOidcProvider = {
    issuer,
    clientId,
    clientSecret,
    nextAccount: '',
    account: (a) => void accounts.set(a.sub, a),
    register(...redirectUris) {
      const p = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: redirectUris,
            grant_types: ['authorization_code'],
            response_types: ['code'],
          },
        ],
        claims: { openid: ['sub'], profile: ['name', 'preferred_username'], tavlen: ['roles', 'groups'] },
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx: unknown, i: { uid: string }) => `/interaction/${i.uid}` },
        cookies: { keys: ['oidc-test-cookie-key'] },
        // Explicit lifetimes (seconds), so the provider does not print a notice for each default.
        ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
        findAccount: (_ctx: unknown, sub: string) => {
          const a = accounts.get(sub);
          return a ? { accountId: sub, claims: () => ({ ...a }) } : undefined;
        },
      });
      const protocol = p.callback();
      handler = (req, res) => {
        if (!req.url?.startsWith('/interaction/')) return protocol(req, res);
        interaction(p, req, res).catch((err: unknown) => {
          res.statusCode = 500;
          res.end(String(err));
        });
      };
    },
    env: (port) => ({
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_REDIRECT_URI: `http://127.0.0.1:${port}/api/auth/oidc/callback`,
      OIDC_SCOPES: 'openid profile tavlen',
      OIDC_ALLOW_HTTP: 'true',
    }),
    close: () => new Promise<void>((res) => server.close(() => res())),
  };

  /** The person's clicks at the provider: login as `nextAccount`, then consent to what is asked. */
  async function interaction(p: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await p.interactionDetails(req, res);
    if (idp.nextAccount === CANCEL) {
      await p.interactionFinished(req, res, { error: 'access_denied', error_description: 'cancelled' });
      return;
    }
    if (details.prompt.name === 'login') {
      await p.interactionFinished(
        req,
        res,
        { login: { accountId: idp.nextAccount } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const grant = new p.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
    const missingScope = details.prompt.details.missingOIDCScope as string[] | undefined;
    const missingClaims = details.prompt.details.missingOIDCClaims as string[] | undefined;
    if (missingScope) grant.addOIDCScope(missingScope.join(' '));
    if (missingClaims) grant.addOIDCClaims(missingClaims);
    await p.interactionFinished(req, res, { consent: { grantId: await grant.save() } });
  }

  return idp;
}
