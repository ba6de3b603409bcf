import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginRequestSchema, type MeResponse } from '../../../../shared/index.js';
import { ApiError, api } from '../../api';

/** Username + password; errors in plain language, announced to screen readers. */
export function LoginPage({ onLoggedIn }: { onLoggedIn: (me: MeResponse) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

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
      setError(
        code === 'invalid_credentials'
          ? t('login.invalidCredentials')
          : code === 'network'
            ? t('login.network')
            : t('login.failed'),
      );
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <form className="login-form" onSubmit={submit} noValidate aria-describedby={error ? 'login-error' : undefined}>
        <h1>
          <span className="logo" aria-hidden="true">
            ▦
          </span>{' '}
          {t('login.title')}
        </h1>
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
