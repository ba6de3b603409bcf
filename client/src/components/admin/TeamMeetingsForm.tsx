import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MEETING_TYPES,
  MeetingTypeSchema,
  cycleBroken,
  planVerdict,
  type AdminSettings,
  type AdminTeamSettings,
  type MeetingDays,
  type MeetingType,
  type TeamMeetingSettings,
} from '../../../../shared/index.js';
import { adminApi } from './adminApi';
import { FormStatus } from './FormStatus';
import { useAsyncAction } from './useAsyncAction';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * A team's meetings (issue #11): per type its length (the agenda's time budget) and weekly
 * schedule, and the rotation cycle N. Below the form, today's tavlemøde as planned on the
 * team's board says whether the rotation gets round in N days – and by how much it does not.
 */
export function TeamMeetingsForm({ team, onSaved }: { team: AdminTeamSettings; onSaved: (s: AdminSettings) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const [value, setValue] = useState<TeamMeetingSettings>(team.meetings);
  const action = useAsyncAction();
  const prefix = `admin-meetings-${team.teamId}`;
  const setType = (type: MeetingType, patch: Partial<TeamMeetingSettings[MeetingType]>) =>
    setValue((v) => ({ ...v, [type]: { ...v[type], ...patch } }));
  const toggleDay = (type: MeetingType, days: MeetingDays, d: number, on: boolean) => {
    const list = days === 'visitator' ? [] : days;
    setType(type, { days: on ? [...list, d].sort((a, b) => a - b) : list.filter((x) => x !== d) });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      onSaved(await adminApi.setTeamMeetings(team.teamId, value));
      return t('admin.saved');
    });
  };
  // today's tavlemøde with these settings; its first line (how full) only when over budget
  const verdict = team.rotation ? planVerdict({ ...team.rotation, notReached: [] }, lang) : [];
  const estimate = team.rotation && team.rotation.overBudgetMin > 0 ? verdict : verdict.slice(1);
  return (
    <form className="admin-form" onSubmit={submit} data-testid={prefix}>
      <h4>{team.name}</h4>
      <label htmlFor={`${prefix}-rotation`}>
        {t('admin.meetings.rotation')}{' '}
        <input
          id={`${prefix}-rotation`}
          type="number"
          min={1}
          max={90}
          value={value.rotationDays}
          onChange={(e) => setValue((v) => ({ ...v, rotationDays: Number(e.target.value) }))}
          style={{ width: '4.5rem' }}
        />{' '}
        {t('admin.meetings.days')}
      </label>
      {MeetingTypeSchema.options.map((type) => {
        const s = value[type];
        return (
          <fieldset key={type} className="field admin-checklist admin-weekdays" data-testid={`${prefix}-${type}`}>
            <legend>{MEETING_TYPES[type].label[lang]}</legend>
            <label htmlFor={`${prefix}-${type}-length`}>
              {t('admin.meetings.length')}{' '}
              <input
                id={`${prefix}-${type}-length`}
                type="number"
                min={5}
                max={240}
                value={s.durationMin}
                onChange={(e) => setType(type, { durationMin: Number(e.target.value) })}
                style={{ width: '4.5rem' }}
              />{' '}
              min
            </label>
            <label htmlFor={`${prefix}-${type}-time`}>
              {t('admin.meetings.time')}{' '}
              <input
                id={`${prefix}-${type}-time`}
                type="time"
                value={s.time}
                onChange={(e) => setType(type, { time: e.target.value })}
              />
            </label>
            <label htmlFor={`${prefix}-${type}-visitator`}>
              <input
                id={`${prefix}-${type}-visitator`}
                type="checkbox"
                checked={s.days === 'visitator'}
                onChange={(e) => setType(type, { days: e.target.checked ? 'visitator' : [] })}
              />
              {t('admin.meetings.onVisitatorDay')}
            </label>
            {s.days !== 'visitator' &&
              WEEKDAYS.map((d) => (
                <label key={d} htmlFor={`${prefix}-${type}-${d}`}>
                  <input
                    id={`${prefix}-${type}-${d}`}
                    type="checkbox"
                    checked={s.days !== 'visitator' && s.days.includes(d)}
                    onChange={(e) => toggleDay(type, s.days, d, e.target.checked)}
                  />
                  <abbr title={t(`admin.settings.weekdays.${d}`)}>{t(`admin.settings.weekdaysShort.${d}`)}</abbr>
                </label>
              ))}
          </fieldset>
        );
      })}
      {estimate.length > 0 && (
        <p
          className={`field-hint${team.rotation && cycleBroken({ ...team.rotation, notReached: [] }) ? ' admin-warning' : ''}`}
          data-testid={`${prefix}-estimate`}
        >
          {estimate.join(' ')}
        </p>
      )}
      <button type="submit" className="primary" disabled={action.busy}>
        {t('admin.meetings.save', { team: team.name })}
      </button>
      <FormStatus error={action.error} done={action.done} />
    </form>
  );
}
