import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { mayOpenStyring, mayReadAudit, type MeResponse } from '../../../../shared/index.js';
import { AUDIT_PATH } from '../audit/path';
import { STYRING_PATH } from '../styring/path';
import type { UiLang } from '../../i18n';

export type AppView = 'board' | 'admin';

export interface HeaderProps {
  me: MeResponse;
  teamId: string | null;
  onTeamChange: (teamId: string) => void;
  privacy: boolean;
  privacyForced: boolean;
  onPrivacyChange: (on: boolean) => void;
  onLangChange: (lang: UiLang) => void;
  /** `everywhere`: end the sessions on all the person's devices, not just this one. */
  onLogout: (everywhere: boolean) => void;
  /** Which main view is shown; the admin button appears only when onViewChange is given. */
  view?: AppView;
  onViewChange?: (view: AppView) => void;
  /** "Mine teams" (visitator, or several teams): shown when given. */
  onOverview?: () => void;
  overviewActive?: boolean;
  /** Board-specific controls (presence, status, undo) when a board is open. */
  children?: ReactNode;
}

export function AppHeader(props: HeaderProps) {
  const { me, teamId, onTeamChange, privacy, privacyForced, onPrivacyChange, onLangChange, onLogout, children } = props;
  const { view = 'board', onViewChange } = props;
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
        {onViewChange && (
          <button
            type="button"
            data-testid="admin-toggle"
            onClick={() => onViewChange(view === 'admin' ? 'board' : 'admin')}
          >
            {view === 'admin' ? t('admin.backToBoard') : t('admin.open')}
          </button>
        )}
        {mayOpenStyring(me.user.role) && (
          <a href={STYRING_PATH} data-testid="styring-link">
            {t('styring.open')}
          </a>
        )}
        {mayReadAudit(me.user.role) && (
          <a href={AUDIT_PATH} data-testid="audit-link">
            {t('audit.open')}
          </a>
        )}
        {props.onOverview && (
          <button
            type="button"
            aria-pressed={props.overviewActive ?? false}
            onClick={props.onOverview}
            data-testid="my-teams-open"
          >
            {t('myTeams.open')}
          </button>
        )}
        <span className="user-name">{me.user.name}</span>
        <button type="button" onClick={() => onLogout(false)}>
          {t('header.logout')}
        </button>
        <button type="button" onClick={() => onLogout(true)}>
          {t('header.logoutAll')}
        </button>
      </div>
    </header>
  );
}
