import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  canManageTeams,
  canManageUsers,
  type AdminTeam,
  type AdminUser,
  type SessionUser,
} from '../../../../shared/index.js';
import { adminApi, errorText } from './adminApi';
import { DevicesSection } from './DevicesSection';
import { HistorySection } from './HistorySection';
import { SettingsSection } from './SettingsSection';
import { StyringSettingsSection } from '../styring/StyringSettingsSection';
import { OrganisationSection } from '../org/OrganisationSection';
import { TeamsSection } from './TeamsSection';
import { UsersSection } from './UsersSection';
import { Tab as TabButton, TabList, Tabs } from '../ui/Tabs';

const TABS = ['teams', 'users', 'devices', 'settings', 'history', 'styring', 'organisation'] as const;
type Tab = (typeof TABS)[number];

/**
 * Administration: teams, users, wall screens, settings and board history ("Gendan"). The administrator gets
 * everything; a leder the members, the screens and the visitator days of their own teams.
 * The server enforces all of it.
 */
export function AdminPage({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const isAdmin = canManageUsers(user);
  const [tab, setTab] = useState<Tab>(isAdmin ? 'teams' : 'users');
  const [teams, setTeams] = useState<AdminTeam[] | null>(null);
  const [users, setUsers] = useState<AdminUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    Promise.all([adminApi.teams(), adminApi.users()]).then(
      ([tm, us]) => {
        setTeams(tm);
        setUsers(us);
        setError(null);
      },
      (err: unknown) => setError(errorText(err)),
    );
  }, []);
  useEffect(reload, [reload]);

  const tabs = TABS.filter((x) => isAdmin || (x !== 'teams' && x !== 'styring' && x !== 'organisation'));

  return (
    <main className="admin-page" id="main">
      <h1>{t('admin.title')}</h1>
      {!isAdmin && <p className="field-hint">{t('admin.lederNote')}</p>}
      {/* Radix tabs (arrow keys, Home/End, focus); the one panel below shows the chosen tab. */}
      <Tabs value={tab} onValueChange={(v) => setTab(v as Tab)}>
        <TabList aria-label={t('admin.tabs.label')} className="admin-tabs">
          {tabs.map((x) => (
            <TabButton key={x} value={x} id={`admin-tab-${x}`} aria-controls={`admin-panel-${x}`}>
              {t(`admin.tabs.${x}`)}
            </TabButton>
          ))}
        </TabList>
      </Tabs>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div role="tabpanel" id={`admin-panel-${tab}`} aria-labelledby={`admin-tab-${tab}`} tabIndex={0}>
        {(!teams || !users) &&
          !error &&
          tab !== 'settings' &&
          tab !== 'history' &&
          tab !== 'styring' &&
          tab !== 'organisation' && <p>{t('admin.loading')}</p>}
        {tab === 'teams' && teams && <TeamsSection teams={teams} canManage={canManageTeams(user)} onChanged={reload} />}
        {tab === 'users' && teams && users && (
          <UsersSection users={users} teams={teams} canManage={isAdmin} onChanged={reload} />
        )}
        {tab === 'devices' && teams && (
          <DevicesSection teams={teams.filter((x) => isAdmin || user.teamIds.includes(x.id))} />
        )}
        {tab === 'settings' && <SettingsSection user={user} />}
        {tab === 'history' && <HistorySection user={user} />}
        {tab === 'styring' && <StyringSettingsSection />}
        {tab === 'organisation' && <OrganisationSection />}
      </div>
    </main>
  );
}
