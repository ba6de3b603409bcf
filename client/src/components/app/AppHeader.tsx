import { ChartColumn, LayoutDashboard, Menu, ScrollText, Settings, Undo2, X } from 'lucide-react';
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { mayOpenStyring, mayReadAudit, type MeResponse } from '../../../../shared/index.js';
import { AUDIT_PATH } from '../audit/path';
import { STYRING_PATH } from '../styring/path';
import type { UiLang } from '../../i18n';
import { Logo } from '../ui/LogoMark';
import { UserMenu } from './UserMenu';

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
  /** The sync state: kept in the one header row on a phone, where the rest folds into the menu. */
  status?: ReactNode;
  /** Behind a full-screen card (phone): out of reach of taps, keyboard and screen readers. */
  inert?: boolean;
}

export function AppHeader(props: HeaderProps) {
  const { me, teamId, onTeamChange, privacy, privacyForced, onPrivacyChange, onLangChange, onLogout, children } = props;
  const { view = 'board', onViewChange } = props;
  const { t, i18n } = useTranslation();
  const team = me.teams.find((x) => x.id === teamId);
  // On a phone or tablet (responsive.css) everything but brand, team and sync state folds into a menu.
  const [menuOpen, setMenuOpen] = useState(false);
  const ref = useHeaderHeightVariable();
  return (
    <header ref={ref} className={`app-header${menuOpen ? ' menu-open' : ''}`} inert={props.inert}>
      <div className="brand">
        <Logo name={t('app.name')} />
        {me.teams.length > 1 ? (
          <label className="team-switcher">
            <span className="visually-hidden">{t('header.team')}</span>
            <select value={teamId ?? ''} onChange={(e) => onTeamChange(e.target.value)} data-testid="team-switcher">
              {me.teams.map((x) => (
                <option key={x.id} value={x.id}>
                  {/* Boards opened through the organisation say so: "Makkerteam: …" (issue #16). */}
                  {x.via ? t(`org.switcher.${x.via}`, { name: x.name }) : x.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          team && (
            <span className="team-name">
              {team.via ? t(`org.switcher.${team.via}`, { name: team.name }) : team.name}
            </span>
          )
        )}
        {team?.access === 'read' && (
          <span className="read-only-partner" data-testid="partner-read-only">
            {t('org.readOnlyPartner')}
          </span>
        )}
      </div>
      {props.status && <div className="header-status">{props.status}</div>}
      <button
        type="button"
        className="header-menu-button"
        aria-expanded={menuOpen}
        aria-controls="header-menu header-user-menu"
        onClick={() => setMenuOpen((o) => !o)}
        data-testid="header-menu"
      >
        {menuOpen ? <X aria-hidden="true" /> : <Menu aria-hidden="true" />}
        <span className="visually-hidden">{menuOpen ? t('phone.menuClose') : t('phone.menu')}</span>
      </button>
      <div className="header-board" id="header-menu">
        {children}
      </div>
      <div className="header-user" id="header-user-menu">
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
            {view === 'admin' ? <Undo2 aria-hidden="true" /> : <Settings aria-hidden="true" />}
            {view === 'admin' ? t('admin.backToBoard') : t('admin.open')}
          </button>
        )}
        {mayOpenStyring(me.user.role) && (
          <a href={STYRING_PATH} className="button" data-testid="styring-link">
            <ChartColumn aria-hidden="true" />
            {t('styring.open')}
          </a>
        )}
        {mayReadAudit(me.user.role) && (
          <a href={AUDIT_PATH} className="button" data-testid="audit-link">
            <ScrollText aria-hidden="true" />
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
            <LayoutDashboard aria-hidden="true" />
            {t('myTeams.open')}
          </button>
        )}
        <UserMenu name={me.user.name} onLogout={onLogout} />
      </div>
    </header>
  );
}

/**
 * Publishes the sticky header's height as `--app-header-height`, so a side panel (the
 * meeting's) can start under it on a desktop: the leader keeps "Skjul skærm", print and
 * undo within reach while the panel is open, however many rows the tools wrap onto.
 */
function useHeaderHeightVariable() {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const header = ref.current;
    if (!header) return;
    const root = document.documentElement;
    const publish = () => root.style.setProperty('--app-header-height', `${header.offsetHeight}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(header);
    return () => {
      observer.disconnect();
      root.style.removeProperty('--app-header-height');
    };
  }, []);
  return ref;
}
