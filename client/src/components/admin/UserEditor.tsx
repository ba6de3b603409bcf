import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminTeam, AdminUser, Role } from '../../../../shared/index.js';
import { adminApi } from './adminApi';
import { FormStatus } from './FormStatus';
import { RoleSelect } from './RoleSelect';
import { TeamChecklist } from './TeamChecklist';
import { useAsyncAction } from './useAsyncAction';

interface Props {
  user: AdminUser;
  teams: AdminTeam[];
  canManage: boolean;
  onChanged: () => void;
  onClose: () => void;
}

/**
 * One user's role, edit right, teams, activation and password. A leder only gets the team
 * list (of the teams they lead); the server decides either way.
 */
export function UserEditor({ user, teams, canManage, onChanged, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <section className="admin-editor" aria-labelledby="admin-edit-heading" data-testid="admin-user-editor">
      <h3 id="admin-edit-heading">{t('admin.users.editHeading', { name: user.name })}</h3>
      {canManage && <RoleForm user={user} onChanged={onChanged} />}
      <TeamsForm user={user} teams={teams} onChanged={onChanged} />
      {canManage && <ActivationForm user={user} onChanged={onChanged} />}
      {canManage && <PasswordForm user={user} />}
      <button type="button" onClick={onClose}>
        {t('admin.users.close')}
      </button>
    </section>
  );
}

function RoleForm({ user, onChanged }: { user: AdminUser; onChanged: () => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>(user.role);
  const [readOnly, setReadOnly] = useState(user.readOnly);
  const action = useAsyncAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action
      .run(async () => (await adminApi.updateUser(user.id, { role, readOnly }), t('admin.saved')))
      .then((ok) => ok && onChanged());
  };
  return (
    <form className="admin-form" onSubmit={submit}>
      <RoleSelect id="admin-edit-role" value={role} onChange={setRole} />
      <label className="toggle" htmlFor="admin-edit-readonly">
        <input
          id="admin-edit-readonly"
          type="checkbox"
          checked={readOnly}
          onChange={(e) => setReadOnly(e.target.checked)}
          aria-describedby="admin-edit-readonly-hint"
        />
        {t('admin.users.readOnly')}
      </label>
      <p id="admin-edit-readonly-hint" className="field-hint">
        {t('admin.users.readOnlyHint')}
      </p>
      <button type="submit" disabled={action.busy}>
        {t('admin.users.saveRole')}
      </button>
      <FormStatus error={action.error} done={action.done} />
    </form>
  );
}

function TeamsForm({ user, teams, onChanged }: { user: AdminUser; teams: AdminTeam[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<string[]>(user.teamIds);
  const action = useAsyncAction();
  // Teams the list does not show (not led by this leder) are kept as they are.
  const hidden = user.teamIds.filter((id) => !teams.some((x) => x.id === id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action
      .run(async () => (await adminApi.setTeams(user.id, [...new Set([...selected, ...hidden])]), t('admin.saved')))
      .then((ok) => ok && onChanged());
  };
  return (
    <form className="admin-form" onSubmit={submit}>
      <TeamChecklist
        legend={t('admin.users.teams')}
        idPrefix="admin-edit-team"
        teams={teams}
        selected={selected}
        onChange={setSelected}
      />
      <button type="submit" disabled={action.busy}>
        {t('admin.users.saveTeams')}
      </button>
      <FormStatus error={action.error} done={action.done} />
    </form>
  );
}

function ActivationForm({ user, onChanged }: { user: AdminUser; onChanged: () => void }) {
  const { t } = useTranslation();
  const action = useAsyncAction();
  const active = user.disabledAt === null;
  const toggle = () => {
    void action
      .run(async () => (await adminApi.updateUser(user.id, { active: !active }), t('admin.saved')))
      .then((ok) => ok && onChanged());
  };
  return (
    <div className="admin-form">
      <button type="button" className={active ? 'danger' : undefined} onClick={toggle} disabled={action.busy}>
        {active ? t('admin.users.deactivate') : t('admin.users.reactivate')}
      </button>
      <FormStatus error={action.error} done={action.done} />
    </div>
  );
}

function PasswordForm({ user }: { user: AdminUser }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const action = useAsyncAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action
      .run(async () => (await adminApi.resetPassword(user.id, password), t('admin.users.passwordReset')))
      .then((ok) => ok && setPassword(''));
  };
  return (
    <form className="admin-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor="admin-edit-password">{t('admin.users.newPassword')}</label>
        <input
          id="admin-edit-password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby="admin-edit-password-hint"
        />
        <p id="admin-edit-password-hint" className="field-hint">
          {t('admin.users.passwordHint')}
        </p>
      </div>
      <button type="submit" disabled={action.busy}>
        {t('admin.users.resetPassword')}
      </button>
      <FormStatus error={action.error} done={action.done} />
    </form>
  );
}
