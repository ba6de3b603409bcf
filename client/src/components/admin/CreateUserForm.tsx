import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminTeam, Role } from '../../../../shared/index.js';
import { adminApi } from './adminApi';
import { FormStatus } from './FormStatus';
import { RoleSelect } from './RoleSelect';
import { TeamChecklist } from './TeamChecklist';
import { useAsyncAction } from './useAsyncAction';

/** New user: username, name, role, teams, edit right and a first password (checked on the server). */
export function CreateUserForm({ teams, onCreated }: { teams: AdminTeam[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('ssh');
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [readOnly, setReadOnly] = useState(false);
  const [password, setPassword] = useState('');
  const action = useAsyncAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action
      .run(async () => {
        const user = await adminApi.createUser({ username, name, role, teamIds, readOnly, password });
        return t('admin.users.created', { name: user.name });
      })
      .then((ok) => {
        if (!ok) return;
        setUsername('');
        setName('');
        setPassword('');
        setTeamIds([]);
        setReadOnly(false);
        onCreated();
      });
  };
  const described = action.error ? 'admin-user-error' : undefined;
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="admin-new-user">
      <h3 id="admin-new-user">{t('admin.users.createHeading')}</h3>
      <div className="field">
        <label htmlFor="admin-user-username">{t('admin.users.username')}</label>
        <input
          id="admin-user-username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
          autoComplete="off"
          aria-describedby={described}
        />
      </div>
      <div className="field">
        <label htmlFor="admin-user-name">{t('admin.users.name')}</label>
        <input id="admin-user-name" value={name} onChange={(e) => setName(e.target.value)} required />
      </div>
      <RoleSelect id="admin-user-role" value={role} onChange={setRole} />
      <TeamChecklist
        legend={t('admin.users.teams')}
        idPrefix="admin-user-team"
        teams={teams}
        selected={teamIds}
        onChange={setTeamIds}
      />
      <label className="toggle" htmlFor="admin-user-readonly">
        <input
          id="admin-user-readonly"
          type="checkbox"
          checked={readOnly}
          onChange={(e) => setReadOnly(e.target.checked)}
        />
        {t('admin.users.readOnly')}
      </label>
      <div className="field">
        <label htmlFor="admin-user-password">{t('admin.users.password')}</label>
        <input
          id="admin-user-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby="admin-user-password-hint"
        />
        <p id="admin-user-password-hint" className="field-hint">
          {t('admin.users.passwordHint')}
        </p>
      </div>
      <button type="submit" className="primary" disabled={action.busy}>
        {t('admin.users.create')}
      </button>
      <FormStatus id="admin-user-error" error={action.error} done={action.done} />
    </form>
  );
}
