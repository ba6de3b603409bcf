import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MeResponse } from '../../../../shared/index.js';
import type { UiLang } from '../../i18n';

export interface HeaderProps {
  me: MeResponse;
  teamId: string | null;
  onTeamChange: (teamId: string) => void;
  privacy: boolean;
  privacyForced: boolean;
  onPrivacyChange: (on: boolean) => void;
  onLangChange: (lang: UiLang) => void;
  onLogout: () => void;
  /** Opens the wall-screen administration (administrator and leder only). */
  onDevices?: () => void;
  /** Board-specific controls (presence, status, undo) when a board is open. */
  children?: ReactNode;
}

export function AppHeader(props: HeaderProps) {
  const {
    me,
    teamId,
    onTeamChange,
    privacy,
    privacyForced,
    onPrivacyChange,
    onLangChange,
    onLogout,
    onDevices,
    children,
  } = props;
  const { t, i18n } = useTranslation();
  const team = me.teams.find((x) => x.id === teamId);
  return (
    <header className="app-header">
      <div className="brand">
        <span className="logo" aria-hidden="true">
          ▦
        </span>
        <span className="brand-name">{t('app.name')}</span>
        {me.teams.length > 1 ? (
          <label className="team-switcher">
            <span className="visually-hidden">{t('header.team')}</span>
            <select value={teamId ?? ''} onChange={(e) => onTeamChange(e.target.value)} data-testid="team-switcher">
              {me.teams.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          team && <span className="team-name">{team.name}</span>
        )}
      </div>
      <div className="header-board">{children}</div>
      <div className="header-user">
        <label className="toggle">
          <input
            type="checkbox"
            checked={privacy}
            disabled={privacyForced}
            onChange={(e) => onPrivacyChange(e.target.checked)}
          />
          {privacyForced ? t('header.privacyForced') : t('header.privacy')}
        </label>
        <label className="lang-select">
          <span className="visually-hidden">{t('header.language')}</span>
          <select value={i18n.language === 'en' ? 'en' : 'da'} onChange={(e) => onLangChange(e.target.value as UiLang)}>
            <option value="da">{t('lang.da')}</option>
            <option value="en">{t('lang.en')}</option>
          </select>
        </label>
        {onDevices && (
          <button type="button" onClick={onDevices} data-testid="devices-open">
            {t('screen.devices')}
          </button>
        )}
        <span className="user-name">{me.user.name}</span>
        <button type="button" onClick={onLogout}>
          {t('header.logout')}
        </button>
      </div>
    </header>
  );
}
