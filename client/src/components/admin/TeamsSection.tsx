import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminTeam, TeamKind } from '../../../../shared/index.js';
import { adminApi } from './adminApi';
import { FormStatus } from './FormStatus';
import { useAsyncAction } from './useAsyncAction';

interface Props {
  teams: AdminTeam[];
  canManage: boolean;
  onChanged: () => void;
}

/** Teams of the municipality: create (with their board) and rename. */
export function TeamsSection({ teams, canManage, onChanged }: Props) {
  const { t } = useTranslation();
  const [renaming, setRenaming] = useState<string | null>(null);
  return (
    <section aria-labelledby="admin-teams-heading">
      <h2 id="admin-teams-heading">{t('admin.teams.heading')}</h2>
      {teams.length === 0 ? (
        <p>{t('admin.teams.none')}</p>
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.teams.name')}</th>
              <th scope="col">{t('admin.teams.kind')}</th>
              <th scope="col">{t('admin.teams.members')}</th>
              {canManage && (
                <th scope="col" className="visually-hidden">
                  {t('admin.teams.rename')}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {teams.map((team) => (
              <tr key={team.id} data-testid={`admin-team-${team.id}`}>
                <td>
                  {renaming === team.id ? (
                    <RenameForm
                      team={team}
                      onDone={() => {
                        setRenaming(null);
                        onChanged();
                      }}
                      onCancel={() => setRenaming(null)}
                    />
                  ) : (
                    team.name
                  )}
                </td>
                <td>{t(`admin.kind.${team.kind}`)}</td>
                <td>{team.memberCount}</td>
                {canManage && (
                  <td>
                    {renaming !== team.id && (
                      <button
                        type="button"
                        onClick={() => setRenaming(team.id)}
                        aria-label={`${t('admin.teams.rename')} ${team.name}`}
                      >
                        {t('admin.teams.rename')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canManage && <CreateTeamForm onCreated={onChanged} />}
    </section>
  );
}

function CreateTeamForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<TeamKind>('kommune');
  const action = useAsyncAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action
      .run(async () => {
        const team = await adminApi.createTeam({ name, kind });
        return t('admin.teams.created', { name: team.name });
      })
      .then((ok) => {
        if (!ok) return;
        setName('');
        onCreated();
      });
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="admin-new-team">
      <h3 id="admin-new-team">{t('admin.teams.createHeading')}</h3>
      <div className="field">
        <label htmlFor="admin-team-name">{t('admin.teams.name')}</label>
        <input
          id="admin-team-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={60}
          aria-invalid={action.error ? true : undefined}
          aria-describedby={action.error ? 'admin-team-error' : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="admin-team-kind">{t('admin.teams.kind')}</label>
        <select id="admin-team-kind" value={kind} onChange={(e) => setKind(e.target.value as TeamKind)}>
          <option value="kommune">{t('admin.kind.kommune')}</option>
          <option value="privat">{t('admin.kind.privat')}</option>
        </select>
      </div>
      <button type="submit" className="primary" disabled={action.busy}>
        {t('admin.teams.create')}
      </button>
      <FormStatus id="admin-team-error" error={action.error} done={action.done} />
    </form>
  );
}

function RenameForm({ team, onDone, onCancel }: { team: AdminTeam; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(team.name);
  const action = useAsyncAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => (await adminApi.renameTeam(team.id, name), null)).then((ok) => ok && onDone());
  };
  return (
    <form className="admin-inline-form" onSubmit={submit}>
      <label className="visually-hidden" htmlFor={`rename-${team.id}`}>
        {t('admin.teams.renameLabel', { name: team.name })}
      </label>
      <input
        id={`rename-${team.id}`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
        required
        maxLength={60}
        autoFocus
      />
      <button type="submit" className="primary" disabled={action.busy}>
        {t('admin.teams.save')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('admin.teams.cancel')}
      </button>
      <FormStatus error={action.error} />
    </form>
  );
}
