import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canEditBoard, forcedPrivacyMode, type MeResponse } from '../../../../shared/index.js';
import { api } from '../../api';
import type { UiLang } from '../../i18n';
import type { BoardConnection } from '../../sync/boardConnection';
import { AppHeader } from './AppHeader';
import { BoardScreen } from './BoardScreen';
import { DevicesSection } from '../admin/DevicesSection';

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
  const [privacyChoice, setPrivacyChoice] = useState(() => localStorage.getItem(PRIVACY_KEY) === 'on');
  const privacyForced = forcedPrivacyMode(me.user.role);
  const team = me.teams.find((x) => x.id === teamId);
  const [devicesOpen, setDevicesOpen] = useState(false);
  // Until the admin page mounts DevicesSection, administrators and ledere reach it from here.
  const manager = me.user.role === 'administrator' || me.user.role === 'leder';

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
    async (connection: BoardConnection | null) => {
      await connection?.clearOfflineCopy().catch(() => {});
      await api.logout().catch(() => {});
      onLoggedOut();
    },
    [onLoggedOut],
  );

  const header = {
    me,
    teamId,
    onTeamChange,
    privacy: privacyForced || privacyChoice,
    privacyForced,
    onPrivacyChange,
    onLangChange,
    ...(manager ? { onDevices: () => setDevicesOpen(true) } : {}),
  };
  if (devicesOpen) {
    return (
      <div className="app">
        <AppHeader {...header} onLogout={() => void onLogout(null)}>
          <button type="button" onClick={() => setDevicesOpen(false)} data-testid="devices-close">
            {t('screen.backToBoard')}
          </button>
        </AppHeader>
        <main className="admin-main">
          <DevicesSection teams={me.teams} />
        </main>
      </div>
    );
  }
  if (!team) {
    return (
      <div className="app">
        <AppHeader {...header} onLogout={() => void onLogout(null)} />
        <p className="board-loading">{t('header.noTeams')}</p>
      </div>
    );
  }
  return (
    <BoardScreen
      key={team.boardId}
      boardId={team.boardId}
      user={me.user}
      editable={canEditBoard(me.user.role)}
      header={header}
      checkSession={checkSession}
      onLogout={(c) => void onLogout(c)}
    />
  );
}
