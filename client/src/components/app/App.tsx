import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeResponse } from '../../../../shared/index.js';
import { ApiError, api } from '../../api';
import { claimOfflineCopies, clearOfflineCopies } from '../../sync/offlineCopies';
import { isUnreachable, rememberMe, rememberedMe } from '../../sync/offlineStart';
import { LoginPage } from '../login/LoginPage';
import { PAIR_PATH, PairPage } from '../screen/PairPage';
import { Shell } from './Shell';

type Session = { state: 'loading' } | { state: 'anonymous' } | { state: 'signed-in'; me: MeResponse };

/** Root: asks the server who we are, then shows the login page or the board. */
export function App() {
  const { t, i18n } = useTranslation();
  const [session, setSession] = useState<Session>({ state: 'loading' });
  // `/pair/<code>` pairs this browser as a wall screen (a code in the link pairs at once).
  const [pairCode, setPairCode] = useState<string | null>(() => {
    const m = PAIR_PATH.exec(location.pathname);
    return m ? decodeURIComponent(m[1] ?? '') : null;
  });

  const signIn = useCallback(
    (me: MeResponse) => {
      void i18n.changeLanguage(me.user.lang);
      const show = () => {
        // kept for a start without the network (sync/offlineStart.ts); deleted at sign-out
        rememberMe(me);
        setSession({ state: 'signed-in', me });
      };
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
    // While pairing, the pairing answer signs in; a late 401 from here must not undo it.
    if (PAIR_PATH.test(location.pathname)) return;
    api.me().then(signIn, (err: unknown) => {
      if (err instanceof ApiError && err.status === 401) return signedOut();
      // No network or no server: the person who was signed in here sees the last copy (marked
      // not live); the board's connection retries and checkSession signs out on a 401.
      const remembered = isUnreachable(err) ? rememberedMe() : null;
      if (remembered) signIn(remembered);
      else setSession({ state: 'anonymous' });
    });
  }, [signIn, signedOut]);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
  }, [i18n.language]);

  if (pairCode !== null) {
    return (
      <PairPage
        initialCode={pairCode}
        onPaired={(me) => {
          setPairCode(null);
          signIn(me);
        }}
        onCancel={() => {
          history.replaceState(null, '', '/');
          setPairCode(null);
          api.me().then(signIn, () => setSession({ state: 'anonymous' }));
        }}
      />
    );
  }
  if (session.state === 'loading') return <p className="board-loading">{t('app.loading')}</p>;
  if (session.state === 'anonymous') {
    return (
      <>
        <LoginPage onLoggedIn={signIn} />
        <p className="pair-link">
          <a
            href="/pair"
            onClick={(e) => {
              e.preventDefault();
              history.pushState(null, '', '/pair');
              setPairCode('');
            }}
          >
            {t('screen.pairLink')}
          </a>
        </p>
      </>
    );
  }
  return (
    <Shell
      me={session.me}
      onMeChange={(me) => setSession({ state: 'signed-in', me })}
      onLoggedOut={signedOut}
      checkSession={checkSession}
    />
  );
}
