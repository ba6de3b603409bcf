import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DELEGATION_PRESETS,
  DEFAULT_TRIAGE_CONFIG,
  canChangeMunicipalitySettings,
  mayManageLocalOffers,
  type AdminDelegation,
  type AdminSettings,
  type AdminTeamSettings,
  type SessionUser,
} from '../../../../shared/index.js';
import { adminApi, errorText } from './adminApi';
import { DiscussionPromptsForm } from './DiscussionPromptsForm';
import { FormStatus } from './FormStatus';
import { SwapSettingsForm } from './SwapSettingsForm';
import { CareSignalSettingsForm } from '../careSignals/CareSignalSettingsForm';
import { LocalOffersAdmin } from '../careSignals/LocalOffersAdmin';
import { TeamMeetingsForm } from './TeamMeetingsForm';
import { useAsyncAction } from './useAsyncAction';

/** ISO weekdays, Monday first, as the checkboxes show them. */
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * The municipality's settings: delegation model, triage response clocks and the wall's
 * discussion prompts (administrator)
 * and each team's visitator days (administrator; a leder for their own teams). The boards
 * pick a saved change up at once; the server enforces who may change what.
 */
export function SettingsSection({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<AdminSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    adminApi.settings().then(setSettings, (err: unknown) => setError(errorText(err)));
  }, []);

  if (error) return <FormStatus error={error} />;
  if (!settings) return <p>{t('admin.loading')}</p>;
  const municipality = canChangeMunicipalitySettings(user);
  return (
    <section aria-labelledby="admin-settings-heading">
      <h2 id="admin-settings-heading">{t('admin.settings.heading')}</h2>
      <p className="field-hint">{t('admin.settings.effectNote')}</p>
      {municipality && <DelegationForm current={settings.delegation} onSaved={setSettings} />}
      {municipality && <TriageForm settings={settings} onSaved={setSettings} />}
      {municipality && <DiscussionPromptsForm settings={settings} onSaved={setSettings} />}
      {municipality && <SwapSettingsForm settings={settings} onSaved={setSettings} />}
      {municipality && <CareSignalSettingsForm settings={settings} onSaved={setSettings} />}
      {mayManageLocalOffers(user) && <LocalOffersAdmin />}
      <h3>{t('admin.settings.visitatorHeading')}</h3>
      <p className="field-hint">{t('admin.settings.visitatorHint')}</p>
      {settings.teams.map((team) => (
        <VisitatorDaysForm key={team.teamId} team={team} onSaved={setSettings} />
      ))}
      <h3>{t('admin.meetings.heading')}</h3>
      <p className="field-hint">{t('admin.meetings.hint')}</p>
      {settings.teams.map((team) => (
        <TeamMeetingsForm key={team.teamId} team={team} onSaved={setSettings} />
      ))}
    </section>
  );
}

function DelegationForm({ current, onSaved }: { current: AdminDelegation; onSaved: (s: AdminSettings) => void }) {
  const { t } = useTranslation();
  const [preset, setPreset] = useState<AdminDelegation>(current);
  const action = useAsyncAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (preset === 'egen') return;
    void action.run(async () => {
      onSaved(await adminApi.updateSettings({ delegationPreset: preset }));
      return t('admin.saved');
    });
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="admin-delegation-heading">
      <h3 id="admin-delegation-heading">{t('admin.settings.delegationHeading')}</h3>
      <div className="field">
        <label htmlFor="admin-delegation">{t('admin.settings.delegation')}</label>
        <select
          id="admin-delegation"
          value={preset}
          onChange={(e) => setPreset(e.target.value as AdminDelegation)}
          aria-describedby="admin-delegation-hint"
        >
          {current === 'egen' && (
            <option value="egen" disabled>
              {t('admin.settings.presets.egen')}
            </option>
          )}
          {DELEGATION_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {t(`admin.settings.presets.${p.id}`)}
            </option>
          ))}
        </select>
        <p id="admin-delegation-hint" className="field-hint">
          {t(`admin.settings.presetHints.${preset}`)}
        </p>
      </div>
      <button type="submit" className="primary" disabled={action.busy || preset === 'egen'}>
        {t('admin.settings.saveDelegation')}
      </button>
      <FormStatus error={action.error} done={action.done} />
    </form>
  );
}

function TriageForm({ settings, onSaved }: { settings: AdminSettings; onSaved: (s: AdminSettings) => void }) {
  const { t, i18n } = useTranslation();
  const lang: 'da' | 'en' = i18n.language === 'en' ? 'en' : 'da';
  const red = settings.triage.red ?? DEFAULT_TRIAGE_CONFIG.red!;
  const yellow = settings.triage.yellow ?? DEFAULT_TRIAGE_CONFIG.yellow!;
  const [redHours, setRedHours] = useState(String(red.hours));
  const [yellowHours, setYellowHours] = useState(String(yellow.hours));
  const action = useAsyncAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // The server validates the hours and answers in Danish; its message is shown below.
    void action.run(async () => {
      onSaved(
        await adminApi.updateSettings({ triage: { redHours: Number(redHours), yellowHours: Number(yellowHours) } }),
      );
      return t('admin.saved');
    });
  };
  const hoursInput = (id: string, value: string, set: (v: string) => void) => (
    <input
      id={id}
      type="number"
      inputMode="numeric"
      min={1}
      max={720}
      step={1}
      required
      className="admin-hours"
      value={value}
      onChange={(e) => set(e.target.value)}
    />
  );
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="admin-triage-heading">
      <h3 id="admin-triage-heading">{t('admin.settings.triageHeading')}</h3>
      <label className="field" htmlFor="admin-red-hours">
        <span>
          {t('admin.settings.redClock', { action: red.action[lang] })}{' '}
          {hoursInput('admin-red-hours', redHours, setRedHours)} {t('admin.settings.hours')}
        </span>
      </label>
      <label className="field" htmlFor="admin-yellow-hours">
        <span>
          {t('admin.settings.yellowClock', { action: yellow.action[lang] })}{' '}
          {hoursInput('admin-yellow-hours', yellowHours, setYellowHours)} {t('admin.settings.hours')}
        </span>
      </label>
      <button type="submit" className="primary" disabled={action.busy}>
        {t('admin.settings.saveTriage')}
      </button>
      <FormStatus error={action.error} done={action.done} />
    </form>
  );
}

function VisitatorDaysForm({ team, onSaved }: { team: AdminTeamSettings; onSaved: (s: AdminSettings) => void }) {
  const { t } = useTranslation();
  const [days, setDays] = useState<number[]>(team.visitatorDays);
  const action = useAsyncAction();
  const toggle = (d: number, on: boolean) => setDays((prev) => (on ? [...prev, d] : prev.filter((x) => x !== d)));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      onSaved(
        await adminApi.setVisitatorDays(
          team.teamId,
          [...days].sort((a, b) => a - b),
        ),
      );
      return t('admin.saved');
    });
  };
  const prefix = `admin-visitator-${team.teamId}`;
  return (
    <form className="admin-form" onSubmit={submit} data-testid={`admin-visitator-${team.teamId}`}>
      <fieldset className="field admin-checklist admin-weekdays">
        <legend>{t('admin.settings.visitatorDay', { team: team.name })}</legend>
        {WEEKDAYS.map((d) => (
          <label key={d} htmlFor={`${prefix}-${d}`}>
            <input
              id={`${prefix}-${d}`}
              type="checkbox"
              checked={days.includes(d)}
              onChange={(e) => toggle(d, e.target.checked)}
            />
            <abbr title={t(`admin.settings.weekdays.${d}`)}>{t(`admin.settings.weekdaysShort.${d}`)}</abbr>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={action.busy}>
        {t('admin.settings.saveVisitator', { team: team.name })}
      </button>
      <FormStatus error={action.error} done={action.done} />
    </form>
  );
}
