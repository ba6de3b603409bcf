import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_SWAP_SETTINGS,
  MAX_SWAP_LIST,
  swapSettingsLines,
  type AdminSettings,
} from '../../../../shared/index.js';
import { adminApi } from './adminApi';
import { FormStatus } from './FormStatus';
import { textToLines } from './lines';
import { useAsyncAction } from './useAsyncAction';

/**
 * "Bytteydelser" on Indstillinger: registration on/off (some municipalities stop registering
 * under the ældrelov, S2:1716-1736), the "byt til" chips and which help can and cannot be
 * swapped (S2:3637-3644, 4209-4213). The server validates and answers in Danish.
 */
export function SwapSettingsForm({
  settings,
  onSaved,
}: {
  settings: AdminSettings;
  onSaved: (s: AdminSettings) => void;
}) {
  const { t } = useTranslation();
  const from = settings.swaps.lines;
  const [enabled, setEnabled] = useState(from.enabled);
  const [instead, setInstead] = useState(from.instead.join('\n'));
  const [swappable, setSwappable] = useState(from.swappable.join('\n'));
  const [notSwappable, setNotSwappable] = useState(from.notSwappable.join('\n'));
  const action = useAsyncAction();
  const show = (l: AdminSettings['swaps']['lines']) => {
    setEnabled(l.enabled);
    setInstead(l.instead.join('\n'));
    setSwappable(l.swappable.join('\n'));
    setNotSwappable(l.notSwappable.join('\n'));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const saved = await adminApi.updateSettings({
        swaps: {
          enabled,
          instead: textToLines(instead),
          swappable: textToLines(swappable),
          notSwappable: textToLines(notSwappable),
        },
      });
      onSaved(saved);
      show(saved.swaps.lines);
      return t('admin.saved');
    });
  };
  const area = (key: 'instead' | 'swappable' | 'notSwappable', value: string, set: (v: string) => void) => (
    <div className="field">
      <label htmlFor={`admin-swaps-${key}`}>{t(`swaps.admin.${key}`)}</label>
      <textarea
        id={`admin-swaps-${key}`}
        rows={6}
        value={value}
        onChange={(e) => set(e.target.value)}
        data-testid={`admin-swaps-${key}`}
      />
    </div>
  );
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="admin-swaps-heading" data-testid="admin-swaps">
      <h3 id="admin-swaps-heading">{t('swaps.admin.heading')}</h3>
      <p className="field-hint">{t('swaps.admin.hint', { max: MAX_SWAP_LIST })}</p>
      <label className="checkbox">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />{' '}
        {t('swaps.admin.enabled')}
      </label>
      <p className="field-hint">{t('swaps.admin.enabledHint')}</p>
      {area('instead', instead, setInstead)}
      {area('swappable', swappable, setSwappable)}
      {area('notSwappable', notSwappable, setNotSwappable)}
      <button type="button" onClick={() => show(swapSettingsLines(DEFAULT_SWAP_SETTINGS))} disabled={action.busy}>
        {t('swaps.admin.restore')}
      </button>{' '}
      <button type="submit" className="primary" disabled={action.busy}>
        {t('swaps.admin.save')}
      </button>
      <FormStatus error={action.error} done={action.done} />
    </form>
  );
}
