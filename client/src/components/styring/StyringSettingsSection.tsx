import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StyringSettingsResponse, TeamStyringSettingsDto } from '../../../../shared/protocol/styring.js';
import { styringApi, type CsvImportOutcome } from './styringApi';
import { orgApi } from '../org/orgApi';

const num = (s: string): number | null => (s.trim() === '' ? null : Number(s.replace(',', '.')));

/**
 * Administration → Styring: import visits from a CSV file, the planning system's import keys,
 * each team's staff hours, budget and district, and the budget rates per forløb type.
 */
export function StyringSettingsSection() {
  const { t } = useTranslation();
  const id = useId();
  const [settings, setSettings] = useState<StyringSettingsResponse | null>(null);
  const [teams, setTeams] = useState<TeamStyringSettingsDto[]>([]);
  const [rates, setRates] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<CsvImportOutcome | null>(null);
  const [tokenName, setTokenName] = useState('');
  const [newToken, setNewToken] = useState<string | null>(null);

  const load = useCallback(() => {
    styringApi.settings().then(
      (s) => {
        setSettings(s);
        setTeams(s.teams);
        setRates(Object.fromEntries(Object.entries(s.rates).map(([k, v]) => [k, String(v)])));
      },
      (err: unknown) => setStatus(err instanceof Error ? err.message : String(err)),
    );
  }, []);
  useEffect(load, [load]);
  const [districts, setDistricts] = useState<string[]>([]);
  useEffect(() => {
    orgApi.organisation().then(
      (o) => setDistricts(o.districts.map((d) => d.name)),
      () => setDistricts([]),
    );
  }, []);

  const upload = async () => {
    if (!file) return;
    setOutcome(await styringApi.importCsv(await file.text()));
  };
  const save = () => {
    const r: Record<string, number> = {};
    for (const [k, v] of Object.entries(rates)) {
      const n = num(v);
      if (n !== null && Number.isFinite(n)) r[k] = n;
    }
    styringApi
      .saveSettings({
        teams: teams.map(({ teamName: _n, ...rest }) => rest),
        rates: r,
      })
      .then(
        () => setStatus(t('styring.admin.saved')),
        (err: unknown) => setStatus(err instanceof Error ? err.message : String(err)),
      );
  };
  const setTeam = (teamId: string, patch: Partial<TeamStyringSettingsDto>) =>
    setTeams((list) => list.map((x) => (x.teamId === teamId ? { ...x, ...patch } : x)));

  return (
    <div className="admin-section" data-testid="styring-settings">
      <h2>{t('styring.admin.title')}</h2>
      <section aria-labelledby={`${id}-import`}>
        <h3 id={`${id}-import`}>{t('styring.admin.importTitle')}</h3>
        <p className="field-hint">{t('styring.admin.importHint')}</p>
        <label>
          {t('styring.admin.importFile')}{' '}
          <input
            type="file"
            accept=".csv,text/csv"
            data-testid="visit-csv"
            onChange={(e) => {
              setOutcome(null);
              setFile(e.target.files?.[0] ?? null);
            }}
          />
        </label>{' '}
        <button type="button" disabled={!file} onClick={() => void upload()} data-testid="visit-import">
          {t('styring.admin.importButton')}
        </button>
        {outcome?.ok && (
          <p role="status" data-testid="visit-import-result">
            {t('styring.admin.imported', { ...outcome.result })}
          </p>
        )}
        {outcome && !outcome.ok && (
          <div role="alert" data-testid="visit-import-errors">
            <p>{outcome.message}</p>
            <ul>
              {outcome.rows.map((r) => (
                <li key={`${r.row}-${r.message}`}>{t('styring.admin.row', { row: r.row, message: r.message })}</li>
              ))}
            </ul>
          </div>
        )}
      </section>
      {settings && (
        <>
          <section aria-labelledby={`${id}-teams`}>
            <h3 id={`${id}-teams`}>{t('styring.admin.teamsTitle')}</h3>
            <table className="time-table">
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col">{t('styring.admin.staffHours')}</th>
                  <th scope="col">{t('styring.admin.budget')}</th>
                  <th scope="col">{t('styring.admin.district')}</th>
                </tr>
              </thead>
              <tbody>
                {teams.map((team) => (
                  <tr key={team.teamId}>
                    <th scope="row">{team.teamName}</th>
                    <td>
                      <input
                        aria-label={`${team.teamName}: ${t('styring.admin.staffHours')}`}
                        inputMode="decimal"
                        value={team.staffHoursPerWeek ?? ''}
                        onChange={(e) => setTeam(team.teamId, { staffHoursPerWeek: num(e.target.value) })}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={`${team.teamName}: ${t('styring.admin.budget')}`}
                        inputMode="decimal"
                        value={team.budgetPerWeek ?? ''}
                        onChange={(e) => setTeam(team.teamId, { budgetPerWeek: num(e.target.value) })}
                      />
                    </td>
                    <td>
                      {/* The organisation's districts (Administration → Organisation, issue #16). */}
                      <select
                        aria-label={`${team.teamName}: ${t('styring.admin.district')}`}
                        value={team.district ?? ''}
                        onChange={(e) =>
                          setTeam(team.teamId, { district: e.target.value === '' ? null : e.target.value })
                        }
                      >
                        <option value="">{t('org.admin.none')}</option>
                        {[...new Set([...districts, ...(team.district ? [team.district] : [])])].map((d) => (
                          <option key={d} value={d}>
                            {d}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section aria-labelledby={`${id}-rates`}>
            <h3 id={`${id}-rates`}>{t('styring.admin.ratesTitle')}</h3>
            {settings.categories.map((c) => (
              <div className="field" key={c.id}>
                <label htmlFor={`${id}-rate-${c.id}`}>{c.name}</label>
                <input
                  id={`${id}-rate-${c.id}`}
                  inputMode="decimal"
                  value={rates[c.id] ?? ''}
                  onChange={(e) => setRates((r) => ({ ...r, [c.id]: e.target.value }))}
                />
              </div>
            ))}
            <button type="button" onClick={save}>
              {t('styring.admin.save')}
            </button>
            {status && <p role="status">{status}</p>}
          </section>
          <section aria-labelledby={`${id}-tokens`}>
            <h3 id={`${id}-tokens`}>{t('styring.admin.tokensTitle')}</h3>
            <p className="field-hint">{t('styring.admin.tokensHint')}</p>
            {settings.tokens.length === 0 && <p>{t('styring.admin.noTokens')}</p>}
            <ul>
              {settings.tokens.map((tok) => (
                <li key={tok.id}>
                  {tok.name} ({tok.createdAt.slice(0, 10)}){' '}
                  <button type="button" onClick={() => void styringApi.deleteToken(tok.id).then(load)}>
                    {t('styring.admin.tokenDelete')}
                  </button>
                </li>
              ))}
            </ul>
            <label>
              {t('styring.admin.tokenName')}{' '}
              <input value={tokenName} maxLength={60} onChange={(e) => setTokenName(e.target.value)} />
            </label>{' '}
            <button
              type="button"
              disabled={tokenName.trim() === ''}
              onClick={() =>
                void styringApi.createToken(tokenName.trim()).then((r) => {
                  setNewToken(r.token);
                  setTokenName('');
                  load();
                })
              }
            >
              {t('styring.admin.tokenCreate')}
            </button>
            {newToken && (
              <p role="status">
                {t('styring.admin.tokenShown')} <code>{newToken}</code>
              </p>
            )}
          </section>
        </>
      )}
    </div>
  );
}
