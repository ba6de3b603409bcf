import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminTeam, AdminUser } from '../../../../shared/index.js';
import { CreateUserForm } from './CreateUserForm';
import { UserEditor } from './UserEditor';

interface Props {
  users: AdminUser[];
  teams: AdminTeam[];
  /** Administrator: everything; leder: only team membership of own teams. */
  canManage: boolean;
  onChanged: () => void;
}

/** The users the signed-in person may see, with an editor for one at a time. */
export function UsersSection({ users, teams, canManage, onChanged }: Props) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const teamName = (id: string) => teams.find((x) => x.id === id)?.name ?? id;
  const current = users.find((u) => u.id === editing);
  return (
    <section aria-labelledby="admin-users-heading">
      <h2 id="admin-users-heading">{t('admin.users.heading')}</h2>
      <p className="field-hint">{t('admin.effectNote')}</p>
      {users.length === 0 ? (
        <p>{t('admin.users.none')}</p>
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.users.name')}</th>
              <th scope="col">{t('admin.users.username')}</th>
              <th scope="col">{t('admin.users.role')}</th>
              <th scope="col">{t('admin.users.teams')}</th>
              <th scope="col">{t('admin.users.status')}</th>
              <th scope="col" className="visually-hidden">
                {t('admin.users.edit')}
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-testid={`admin-user-${u.username}`}>
                <td>{u.name}</td>
                <td>{u.username}</td>
                <td>
                  {t(`roles.${u.role}`)}
                  {u.readOnly && ` (${t('admin.users.readOnly')})`}
                </td>
                <td>{u.teamIds.length > 0 ? u.teamIds.map(teamName).join(', ') : t('admin.users.noTeams')}</td>
                <td>{u.disabledAt === null ? t('admin.users.active') : t('admin.users.disabled')}</td>
                <td>
                  {/* Screens are managed under "Skærme"; a leder never edits administrators. */}
                  {u.role !== 'skaerm' && (canManage || u.role !== 'administrator') && (
                    <button
                      type="button"
                      aria-label={`${t('admin.users.edit')} ${u.name}`}
                      aria-expanded={editing === u.id}
                      onClick={() => setEditing(editing === u.id ? null : u.id)}
                    >
                      {t('admin.users.edit')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {current && (
        <UserEditor
          key={current.id}
          user={current}
          teams={teams}
          canManage={canManage}
          onChanged={onChanged}
          onClose={() => setEditing(null)}
        />
      )}
      {canManage && <CreateUserForm teams={teams} onCreated={onChanged} />}
    </section>
  );
}
