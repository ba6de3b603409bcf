import { Logo } from '../ui/LogoMark';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginRequestSchema, type MeResponse } from '../../../../shared/index.js';
import { isOidcLoginError } from '../../../../shared/protocol/auth.js';
import { ApiError, api } from '../../api';

/** The `?loginError=` an OpenID Connect callback sent us back with, removed from the address bar. */
function takeOidcError(): string | null {
  const url = new URL(window.location.href);
  const code = url.searchParams.get('loginError');
  if (code === null) return null;
  url.searchParams.delete('loginError');
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  return code;
}

/**
 * Username + password, and the municipality's single sign-on (OpenID Connect) when the server
 * offers it; errors in plain language, announced to screen readers.
 */
export function LoginPage({ onLoggedIn }: { onLoggedIn: (me: MeResponse) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(() => {
    const code = takeOidcError();
    if (code === null) return null;
    return isOidcLoginError(code) ? t(`login.oidcErrors.${code}`) : t('login.failed');
  });
  const [busy, setBusy] = useState(false);
  const [oidcLabel, setOidcLabel] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.providers().then(
      (p) => live && setOidcLabel(p.oidc?.label ?? null),
      () => {}, // password sign-in still works; the form shows its own errors
    );
    return () => {
      live = false;
    };
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = LoginRequestSchema.safeParse({ username, password });
    if (!parsed.success) return setError(t('login.missing'));
    setBusy(true);
    setError(null);
    try {
      onLoggedIn(await api.login(parsed.data));
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'internal';
      const message: Partial<Record<typeof code, string>> = {
        invalid_credentials: t('login.invalidCredentials'),
        network: t('login.network'),
        too_many_requests: t('login.tooMany'),
        // Several nodes without Redis: sign-in fails closed (docs/security.md).
        unavailable: t('login.unavailable'),
      };
      setError(message[code] ?? t('login.failed'));
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <form className="login-form" onSubmit={submit} noValidate aria-describedby={error ? 'login-error' : undefined}>
        <Logo size={40} name={t('app.name')} />
        <h1>{t('login.title')}</h1>
        {oidcLabel && (
          <>
            {/* A full navigation: the provider's pages and the callback are not API calls. */}
            <a className="button primary oidc-login" href="/api/auth/oidc/start">
              {oidcLabel}
            </a>
            <p className="login-divider">{t('login.orPassword')}</p>
          </>
        )}
        <div className="field">
          <label htmlFor="login-username">{t('login.username')}</label>
          <input
            id="login-username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoFocus
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('login.password')}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {error && (
          <p id="login-error" className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
