import { Suspense, lazy, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  canEditBoard,
  canOpenAdmin,
  forcedPrivacyMode,
  mayOpenStyring,
  mayReadAudit,
  type MeResponse,
} from '../../../../shared/index.js';
import { api } from '../../api';
import type { UiLang } from '../../i18n';
import type { BoardConnection } from '../../sync/boardConnection';
import { AUDIT_PATH } from '../audit/path';
import { STYRING_PATH } from '../styring/path';
import { AppHeader, type AppView } from './AppHeader';
import { BoardScreen } from './BoardScreen';
import { MyTeamsView } from './MyTeamsView';
import { SkipLink } from './SkipLink';

// Pages few people open load on demand, keeping the board's bundle smaller.
const AdminPage = lazy(() => import('../admin/AdminPage').then((m) => ({ default: m.AdminPage })));
const AuditPage = lazy(() => import('../audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const StyringPage = lazy(() => import('../styring/StyringPage').then((m) => ({ default: m.StyringPage })));

const TEAM_KEY = 'tavlen:team';
const PRIVACY_KEY = 'tavlen:privacy';

interface Props {
  me: MeResponse;
  onMeChange: (me: MeResponse) => void;
  onLoggedOut: () => void;
  checkSession: () => void;
}

/** Signed-in frame: picks the team board, owns privacy mode, language and logout. */
export function Shell({ me, onMeChange, onLoggedOut, checkSession }: Props) {
  const { t, i18n } = useTranslation();
  const [teamId, setTeamId] = useState<string | null>(() => {
    const saved = localStorage.getItem(TEAM_KEY);
    return me.teams.find((x) => x.id === saved)?.id ?? me.teams[0]?.id ?? null;
  });
  const [view, setView] = useState<AppView>('board');
  const [overview, setOverview] = useState(false);
  // a card to open once its board is shown (from "Mine teams")
  const [pendingCard, setPendingCard] = useState<string | null>(null);
  const [privacyChoice, setPrivacyChoice] = useState(() => localStorage.getItem(PRIVACY_KEY) === 'on');
  const privacyForced = forcedPrivacyMode(me.user.role);
  const team = me.teams.find((x) => x.id === teamId);

  const onTeamChange = (id: string) => {
    localStorage.setItem(TEAM_KEY, id);
    setTeamId(id);
  };
  const onPrivacyChange = (on: boolean) => {
    localStorage.setItem(PRIVACY_KEY, on ? 'on' : 'off');
    setPrivacyChoice(on);
  };
  const onLangChange = (lang: UiLang) => {
    void i18n.changeLanguage(lang);
    api.setLang(lang).then(onMeChange, () => {
      /* the choice still applies on this device; the server keeps the old one */
    });
  };
  const onLogout = useCallback(
    async (connection: BoardConnection | null, everywhere: boolean) => {
      await connection?.clearOfflineCopy().catch(() => {});
      await (everywhere ? api.logoutAll() : api.logout()).catch(() => {});
      onLoggedOut();
    },
    [onLoggedOut],
  );

  const showsOverview = !privacyForced && (me.teams.length > 1 || me.user.role === 'visitator');
  const header = {
    me,
    teamId,
    onTeamChange: (id: string) => {
      setOverview(false);
      onTeamChange(id);
    },
    ...(showsOverview
      ? {
          onOverview: () => {
            setView('board');
            setOverview((o) => !o);
          },
          overviewActive: overview,
        }
      : {}),
    privacy: privacyForced || privacyChoice,
    privacyForced,
    onPrivacyChange,
    onLangChange,
    view,
    onViewChange: canOpenAdmin(me.user)
      ? (v: AppView) => {
          setOverview(false);
          setView(v);
        }
      : undefined,
  };
  if (view === 'admin') {
    return (
      <div className="app">
        <SkipLink targetId="main" label={t('app.skipToMain')} />
        <AppHeader {...header} onLogout={(everywhere) => void onLogout(null, everywhere)} />
        <Suspense fallback={<p className="board-loading">{t('app.loading')}</p>}>
          <AdminPage user={me.user} />
        </Suspense>
      </div>
    );
  }
  // The audit log is its own page (leder, administrator; the server checks again).
  if (location.pathname === AUDIT_PATH && mayReadAudit(me.user.role)) {
    return (
      <Suspense fallback={<p className="board-loading">{t('app.loading')}</p>}>
        <AuditPage me={me} />
      </Suspense>
    );
  }
  // The Styring cockpit is its own page too (the server scopes the figures to the person's teams).
  if (location.pathname === STYRING_PATH && mayOpenStyring(me.user.role)) {
    return (
      <Suspense fallback={<p className="board-loading">{t('app.loading')}</p>}>
        <StyringPage me={me} />
      </Suspense>
    );
  }
  if (overview && showsOverview) {
    return (
      <div className="app">
        <AppHeader {...header} onLogout={(everywhere) => void onLogout(null, everywhere)} />
        <MyTeamsView
          onOpenCard={(toTeam, cardId) => {
            onTeamChange(toTeam);
            setPendingCard(cardId);
            setOverview(false);
          }}
        />
      </div>
    );
  }
  if (!team) {
    return (
      <div className="app">
        <AppHeader {...header} onLogout={(everywhere) => void onLogout(null, everywhere)} />
        <p className="board-loading">{t('header.noTeams')}</p>
      </div>
    );
  }
  return (
    <BoardScreen
      key={team.boardId}
      boardId={team.boardId}
      user={me.user}
      // A makkerteam's board opens read-only (the server refuses its writes either way).
      editable={canEditBoard(me.user) && team.access !== 'read'}
      header={header}
      checkSession={checkSession}
      initialCardId={pendingCard}
      onLogout={(c, everywhere) => void onLogout(c, everywhere)}
    />
  );
}
