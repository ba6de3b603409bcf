import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminOrganisation } from '../../../../shared/protocol/organisation.js';
import { toIsoDate } from '../../../../shared/rules/dates.js';
import { orgApi } from './orgApi';
import { DistrictEditor } from './DistrictEditor';

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Administration → Organisation (issue #16): districts with their visitator pool, each
 * team's district, makkerteam, day team (for an evening team) and fixed visitator, and the
 * backup visitators for a period. The server checks every change again.
 */
export function OrganisationSection() {
  const { t } = useTranslation();
  const [org, setOrg] = useState<AdminOrganisation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const apply = useCallback((p: Promise<AdminOrganisation>) => {
    setError(null);
    setSaved(false);
    p.then(
      (o) => {
        setOrg(o);
        setSaved(true);
      },
      (err: unknown) => setError(errorText(err)),
    );
  }, []);
  useEffect(() => {
    orgApi.organisation().then(setOrg, (err: unknown) => setError(errorText(err)));
  }, []);

  if (!org) return error ? <p className="form-error">{error}</p> : <p>{t('admin.loading')}</p>;
  const edit = org.canEdit;
  const teamName = (id: string | null) => org.teams.find((x) => x.teamId === id)?.name ?? '';
  const personName = (id: string) => org.visitators.find((v) => v.id === id)?.name ?? id;

  return (
    <section className="org-admin" aria-labelledby="org-admin-h" data-testid="org-admin">
      <h2 id="org-admin-h">{t('org.admin.heading')}</h2>
      <p className="field-hint">{t('org.admin.intro')}</p>
      {!edit && <p className="field-hint">{t('org.admin.readOnly')}</p>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {saved && (
        <p className="form-ok" role="status">
          {t('org.admin.saved')}
        </p>
      )}

      <section aria-labelledby="org-districts-h">
        <h3 id="org-districts-h">{t('org.admin.districts')}</h3>
        {org.districts.length === 0 && <p>{t('org.admin.noDistricts')}</p>}
        {org.districts.map((d) => (
          <DistrictEditor
            key={d.id}
            district={d}
            visitators={org.visitators}
            teamName={teamName}
            editable={edit}
            onRename={(name) => apply(orgApi.patchDistrict(d.id, { name }))}
            onPool={(visitatorIds) => apply(orgApi.patchDistrict(d.id, { visitatorIds }))}
          />
        ))}
        {edit && <NewDistrict onCreate={(name) => apply(orgApi.createDistrict(name))} />}
      </section>

      <section aria-labelledby="org-teams-h">
        <h3 id="org-teams-h">{t('org.admin.teams')}</h3>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('org.admin.team')}</th>
              <th scope="col">{t('org.admin.district')}</th>
              <th scope="col">{t('org.admin.partner')}</th>
              <th scope="col">{t('org.admin.eveningOf')}</th>
              <th scope="col">{t('org.admin.visitator')}</th>
            </tr>
          </thead>
          <tbody>
            {org.teams.map((team) => {
              const others = org.teams.filter((x) => x.teamId !== team.teamId);
              const select = (
                field: 'districtId' | 'partnerTeamId' | 'eveningOfTeamId' | 'visitatorId',
                label: string,
              ) => ({
                'aria-label': `${team.name}: ${label}`,
                disabled: !edit,
                'data-testid': `org-team-${team.teamId}-${field}`,
                value: team[field] ?? '',
                onChange: (e: { target: { value: string } }) =>
                  apply(orgApi.patchTeam(team.teamId, { [field]: e.target.value === '' ? null : e.target.value })),
              });
              const choices = (
                field: 'districtId' | 'partnerTeamId' | 'eveningOfTeamId' | 'visitatorId',
                label: string,
                options: readonly { id: string; name: string }[],
              ) => (
                <td>
                  <select {...select(field, label)}>
                    <option value="">{t('org.admin.none')}</option>
                    {options.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </select>
                </td>
              );
              const otherTeams = others.map((x) => ({ id: x.teamId, name: x.name }));
              return (
                <tr key={team.teamId}>
                  <th scope="row">{team.name}</th>
                  {choices('districtId', t('org.admin.district'), org.districts)}
                  {choices('partnerTeamId', t('org.admin.partner'), otherTeams)}
                  {choices('eveningOfTeamId', t('org.admin.eveningOf'), otherTeams)}
                  {choices('visitatorId', t('org.admin.visitator'), org.visitators)}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="org-covers-h">
        <h3 id="org-covers-h">{t('org.admin.covers')}</h3>
        {org.covers.length === 0 ? (
          <p>{t('org.admin.noCovers')}</p>
        ) : (
          <ul data-testid="org-covers">
            {org.covers.map((c) => (
              <li key={c.id} data-testid={`org-cover-${c.teamId}`}>
                {t('org.admin.coverLine', {
                  user: personName(c.userId),
                  team: teamName(c.teamId),
                  from: c.from,
                  to: c.to,
                })}{' '}
                {edit && (
                  <button type="button" onClick={() => apply(orgApi.endCover(c.id))}>
                    {t('org.admin.endCover')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {edit && <NewCover org={org} onCreate={(c) => apply(orgApi.createCover(c))} />}
      </section>
    </section>
  );
}

function NewDistrict({ onCreate }: { onCreate: (name: string) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === '') return;
    onCreate(name.trim());
    setName('');
  };
  return (
    <form className="org-row" onSubmit={submit} aria-label={t('org.admin.newDistrict')}>
      <label>
        {t('org.admin.districtName')}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} data-testid="org-new-district" />
      </label>
      <button type="submit" data-testid="org-create-district">
        {t('org.admin.create')}
      </button>
    </form>
  );
}

function NewCover({
  org,
  onCreate,
}: {
  org: AdminOrganisation;
  onCreate: (c: { teamId: string; userId: string; from: string; to: string }) => void;
}) {
  const { t } = useTranslation();
  const today = toIsoDate(new Date());
  const [teamId, setTeamId] = useState(org.teams[0]?.teamId ?? '');
  const [userId, setUserId] = useState('');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const team = org.teams.find((x) => x.teamId === teamId);
  // The backup comes from the pool of the team's district (the server checks it too).
  const pool = org.districts.find((d) => d.id === team?.districtId)?.visitatorIds ?? [];
  const candidates = org.visitators.filter((v) => pool.includes(v.id) && v.id !== team?.visitatorId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!teamId || !userId) return;
    onCreate({ teamId, userId, from, to });
  };
  return (
    <form className="org-row" onSubmit={submit} aria-label={t('org.admin.addCover')}>
      <label>
        {t('org.admin.coverTeam')}
        <select value={teamId} onChange={(e) => setTeamId(e.target.value)} data-testid="org-cover-team">
          {org.teams.map((x) => (
            <option key={x.teamId} value={x.teamId}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('org.admin.coverUser')}
        <select value={userId} onChange={(e) => setUserId(e.target.value)} data-testid="org-cover-user">
          <option value="">{t('org.admin.none')}</option>
          {candidates.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('org.admin.from')}
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="org-cover-from" />
      </label>
      <label>
        {t('org.admin.to')}
        <input type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="org-cover-to" />
      </label>
      <button type="submit" data-testid="org-cover-add">
        {t('org.admin.addCover')}
      </button>
    </form>
  );
}
