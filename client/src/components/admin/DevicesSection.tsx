import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceSummary, DeviceWithCode } from '../../../../shared/protocol/devices.js';
import { formatInstant } from '../../../../shared/rules/dates.js';
import { deviceApi } from '../../api';

interface Props {
  /** Teams whose screens the person may manage (the server checks again). */
  teams: readonly { id: string; name: string }[];
}

const time = (ms: number) => formatInstant(ms, 'time');

/**
 * Wall screens of a team: create one (shows its pairing code big, with the link), give a
 * new code, remove (signs the screen out at once). For administrators and the team's leder.
 */
export function DevicesSection({ teams }: Props) {
  const { t, i18n } = useTranslation();
  const [teamId, setTeamId] = useState(teams[0]?.id ?? '');
  const [devices, setDevices] = useState<DeviceSummary[]>([]);
  const [name, setName] = useState('');
  const [code, setCode] = useState<DeviceWithCode | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    if (!teamId) return;
    deviceApi.list(teamId).then(setDevices, () => setError(t('screen.failed')));
  }, [teamId, t]);
  useEffect(reload, [reload]);

  const run = (action: Promise<unknown>) => {
    setError(null);
    action.then(reload, (err: unknown) => setError(err instanceof Error ? err.message : t('screen.failed')));
  };

  const create = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    run(
      deviceApi.create(teamId, name.trim()).then((c) => {
        setCode(c);
        setName('');
      }),
    );
  };

  const when = (ms: number) => formatInstant(ms, 'dateTime', i18n.language === 'en' ? 'en' : 'da');

  return (
    <section className="devices-section" aria-labelledby="devices-title" data-testid="devices-section">
      <h2 id="devices-title">{t('screen.devicesTitle')}</h2>
      <p>{t('screen.devicesIntro')}</p>
      {teams.length > 1 && (
        <label className="field">
          <span>{t('screen.team')}</span>
          <select value={teamId} onChange={(e) => setTeamId(e.target.value)} data-testid="devices-team">
            {teams.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <form className="devices-create" onSubmit={create}>
        <label className="field">
          <span>{t('screen.name')}</span>
          <input
            value={name}
            maxLength={80}
            placeholder={t('screen.namePlaceholder')}
            onChange={(e) => setName(e.target.value)}
            data-testid="device-name"
          />
        </label>
        <button type="submit" className="primary" data-testid="device-create">
          {t('screen.create')}
        </button>
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {code && (
        <div className="device-code" role="status" data-testid="device-code">
          <h3>{t('screen.codeFor', { name: code.device.name })}</h3>
          <p className="device-code-value">{code.code}</p>
          <p>
            <a href={code.link}>{`${location.origin}${code.link}`}</a>
          </p>
          <p>{t('screen.codeHint', { time: time(code.expiresAt) })}</p>
          <button type="button" onClick={() => setCode(null)}>
            {t('screen.close')}
          </button>
        </div>
      )}
      {devices.length === 0 ? (
        <p>{t('screen.none')}</p>
      ) : (
        <ul className="devices-list">
          {devices.map((d) => (
            <li key={d.id} data-testid={`device-${d.id}`}>
              <span className="device-name">{d.name}</span>{' '}
              <span className="device-paired">
                {d.pairedAt ? t('screen.paired', { when: when(d.pairedAt) }) : t('screen.notPaired')}
              </span>{' '}
              <button type="button" onClick={() => run(deviceApi.newCode(d.id).then(setCode))}>
                {t('screen.newCode')}
              </button>{' '}
              <button
                type="button"
                onClick={() => {
                  if (window.confirm(t('screen.revokeConfirm', { name: d.name }))) run(deviceApi.revoke(d.id));
                }}
              >
                {t('screen.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
