import { useTranslation } from 'react-i18next';
import { TriageSchema, type Triage } from '../../../../shared/index.js';

interface Props {
  value: Triage;
  readOnly: boolean;
  onChange: (triage: Triage) => void;
}

/** Three radio buttons, each with colour, letter and word. */
export function TriagePicker({ value, readOnly, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <fieldset className="field triage-picker" disabled={readOnly}>
      <legend>{t('detail.triage')}</legend>
      {TriageSchema.options.map((level) => (
        <label key={level} className={`triage-option triage-option-${level}`}>
          <input type="radio" name="triage" value={level} checked={value === level} onChange={() => onChange(level)} />
          <span className={`triage triage-${level}`} aria-hidden="true">
            {t(`triage.${level}Short`)}
          </span>
          {t(`triage.${level}`)}
        </label>
      ))}
    </fieldset>
  );
}
