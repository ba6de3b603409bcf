import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TriageSchema, type Triage } from '../../../../shared/index.js';
import { TriageShape } from './TriageShape';

interface Props {
  value: Triage;
  readOnly: boolean;
  /** `reason`: what was typed in "Årsag (valgfri)", '' when nothing. */
  onChange: (triage: Triage, reason: string) => void;
}

/**
 * Three radio buttons, each with colour, letter and word. One tap changes the colour; a
 * reason typed first goes with that change (the triage history) and is then cleared.
 */
export function TriagePicker({ value, readOnly, onChange }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <fieldset className="field triage-picker" disabled={readOnly}>
      <legend>{t('detail.triage')}</legend>
      {TriageSchema.options.map((level) => (
        <label key={level} className={`triage-option triage-option-${level}`}>
          <input
            type="radio"
            name="triage"
            value={level}
            checked={value === level}
            onChange={() => {
              onChange(level, reason.trim());
              setReason('');
            }}
          />
          <span className={`triage triage-${level}`} aria-hidden="true">
            <TriageShape triage={level} />
            {t(`triage.${level}Short`)}
          </span>
          {t(`triage.${level}`)}
        </label>
      ))}
      {!readOnly && (
        <label className="triage-reason">
          {t('detail.triageReason')}
          <input
            type="text"
            maxLength={200}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="triage-reason"
          />
        </label>
      )}
    </fieldset>
  );
}
