import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_CARE_SIGNAL_SETTINGS, type AdminSettings } from '../../../../shared/index.js';
import { adminApi } from '../admin/adminApi';
import { FormStatus } from '../admin/FormStatus';
import { useAsyncAction } from '../admin/useAsyncAction';

/**
 * "Udskrevne og nej tak" on Indstillinger: whether the discharged citizens show together on
 * the board (R27), and how many "nej tak" within how many days put a citizen on the agenda
 * (R24; default 3 in 14). The server validates and answers in Danish.
 */
export function CareSignalSettingsForm({
  settings,
  onSaved,
}: {
  settings: AdminSettings;
  onSaved: (s: AdminSettings) => void;
}) {
  const { t } = useTranslation();
  const from = settings.careSignals.settings;
  const [lane, setLane] = useState(from.dischargeLane);
  const [count, setCount] = useState(String(from.declineCount));
  const [days, setDays] = useState(String(from.declineDays));
  const action = useAsyncAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const saved = await adminApi.updateSettings({
        careSignals: { dischargeLane: lane, declineCount: Number(count), declineDays: Number(days) },
      });
      onSaved(saved);
      return t('admin.saved');
    });
  };
  const restore = () => {
    setLane(DEFAULT_CARE_SIGNAL_SETTINGS.dischargeLane);
    setCount(String(DEFAULT_CARE_SIGNAL_SETTINGS.declineCount));
    setDays(String(DEFAULT_CARE_SIGNAL_SETTINGS.declineDays));
  };
  return (
    <form
      className="admin-form"
      onSubmit={submit}
      aria-labelledby="admin-care-signals-heading"
      data-testid="admin-care-signals"
    >
      <h3 id="admin-care-signals-heading">{t('careSignals.admin.heading')}</h3>
      <p className="field-hint">{t('careSignals.admin.hint')}</p>
      <label className="checkbox">
        <input type="checkbox" checked={lane} onChange={(e) => setLane(e.target.checked)} />{' '}
        {t('careSignals.admin.lane')}
      </label>
      <div className="field care-signal-threshold">
        <label htmlFor="admin-decline-count">{t('careSignals.admin.count')}</label>
        <input
          id="admin-decline-count"
          type="number"
          min={2}
          max={20}
          value={count}
          onChange={(e) => setCount(e.target.value)}
        />
        <label htmlFor="admin-decline-days">{t('careSignals.admin.days')}</label>
        <input
          id="admin-decline-days"
          type="number"
          min={1}
          max={90}
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
      </div>
      <button type="button" onClick={restore} disabled={action.busy}>
        {t('careSignals.admin.restore')}
      </button>{' '}
      <button type="submit" className="primary" disabled={action.busy}>
        {t('careSignals.admin.save')}
      </button>
      <FormStatus error={action.error} done={action.done} />
    </form>
  );
}
