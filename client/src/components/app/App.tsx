import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeResponse } from '../../../../shared/index.js';
import { ApiError, api } from '../../api';
import { claimOfflineCopies, clearOfflineCopies } from '../../sync/offlineCopies';
import { LoginPage } from '../login/LoginPage';
import { Shell } from './Shell';

type Session = { state: 'loading' } | { state: 'anonymous' } | { state: 'signed-in'; me: MeResponse };

/** Root: asks the server who we are, then shows the login page or the board. */
export function App() {
  const { t, i18n } = useTranslation();
  const [session, setSession] = useState<Session>({ state: 'loading' });

  const signIn = useCallback(
    (me: MeResponse) => {
      void i18n.changeLanguage(me.user.lang);
      const show = () => setSession({ state: 'signed-in', me });
      claimOfflineCopies(me.user.id).then(show, show);
    },
    [i18n],
  );

  /** The session is gone (logout, expiry, ended elsewhere): so are the offline copies. */
  const signedOut = useCallback(() => {
    setSession({ state: 'anonymous' });
    void clearOfflineCopies();
  }, []);

  /** Called when syncing keeps failing: an expired session sends the person back to login. */
  const checkSession = useCallback(() => {
    api.me().catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 401) signedOut();
    });
  }, [signedOut]);

  useEffect(() => {
    api.me().then(signIn, (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) signedOut();
      else setSession({ state: 'anonymous' });
    });
  }, [signIn, signedOut]);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  if (session.state === 'loading') return <p className="board-loading">{t('app.loading')}</p>;
  if (session.state === 'anonymous') return <LoginPage onLoggedIn={signIn} />;
  return (
    <Shell
      me={session.me}
      onMeChange={(me) => setSession({ state: 'signed-in', me })}
      onLoggedOut={signedOut}
      checkSession={checkSession}
    />
  );
}
