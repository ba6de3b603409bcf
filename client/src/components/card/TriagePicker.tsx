import * as RadioGroup from '@radix-ui/react-radio-group';
import { useId, useState } from 'react';
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
 * Three large segmented choices (Radix radio group: arrow keys, one tab stop), each with
 * shape, colour and word. One tap changes the colour; a reason typed first goes with that
 * change (the triage history) and is then cleared.
 */
export function TriagePicker({ value, readOnly, onChange }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const legend = useId();
  return (
    <fieldset className="field triage-picker" disabled={readOnly}>
      <legend id={legend}>{t('detail.triage')}</legend>
      <RadioGroup.Root
        className="segmented triage-segmented"
        value={value}
        disabled={readOnly}
        aria-labelledby={legend}
        orientation="horizontal"
        onValueChange={(level) => {
          onChange(TriageSchema.parse(level), reason.trim());
          setReason('');
        }}
      >
        {TriageSchema.options.map((level) => (
          <RadioGroup.Item key={level} value={level} className={`segment triage-option triage-option-${level}`}>
            <TriageShape triage={level} />
            {t(`triage.${level}`)}
          </RadioGroup.Item>
        ))}
      </RadioGroup.Root>
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
