import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeResponse } from '../../../../shared/index.js';
import { deviceApi } from '../../api';

/** `/pair/<code>` (pairs at once) or `/pair` (a form for the code). */
export const PAIR_PATH = /^\/pair(?:\/([^/]*))?\/?$/;

interface Props {
  initialCode: string;
  onPaired: (me: MeResponse) => void;
  onCancel: () => void;
}

/**
 * Pairs this browser as a team's wall screen: the server turns the single-use code into a
 * device session that does not time out, and the app opens the team's board.
 */
export function PairPage({ initialCode, onPaired, onCancel }: Props) {
  const { t } = useTranslation();
  const [code, setCode] = useState(initialCode);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const tried = useRef(false);

  const pair = async (value: string) => {
    setBusy(true);
    setError(null);
    try {
      const me = await deviceApi.pair(value);
      // The code is spent; do not leave it in the address bar or history.
      history.replaceState(null, '', '/');
      onPaired(me);
    } catch {
      setError(t('screen.pairFailed'));
      setBusy(false);
    }
  };

  useEffect(() => {
    if (initialCode && !tried.current) {
      tried.current = true;
      void pair(initialCode);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only once, for the link's code
  }, [initialCode]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (code.trim()) void pair(code.trim());
  };

  return (
    <main className="login-page">
      <form className="login-form" onSubmit={submit} noValidate>
        <h1>{t('screen.pairTitle')}</h1>
        <p>{t('screen.pairIntro')}</p>
        <div className="field">
          <label htmlFor="pair-code">{t('screen.pairCode')}</label>
          <input
            id="pair-code"
            className="pair-code-input"
            autoCapitalize="characters"
            autoComplete="off"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoFocus
          />
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('screen.pairing') : t('screen.pairSubmit')}
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          {t('screen.backToLogin')}
        </button>
      </form>
    </main>
  );
}
