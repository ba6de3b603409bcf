import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CardFields } from '../../../../shared/index.js';
import { validateField } from './validation';

type TextFieldName = 'name' | 'initials' | 'forlobType' | 'contactPerson' | 'note' | 'nextDueDate';

interface Props<F extends TextFieldName> {
  field: F;
  label: string;
  /** The value in the doc right now (may change under us when a colleague edits). */
  value: string;
  readOnly: boolean;
  multiline?: boolean;
  type?: 'text' | 'date';
  hint?: string;
  onCommit: (field: F, value: CardFields[F]) => void;
}

/**
 * One editable field. While focused it keeps a local draft and validates as you type; on
 * blur a valid, changed value is written once. An invalid draft stays visible with the error
 * and is never written.
 */
export function DetailTextField<F extends TextFieldName>(props: Props<F>) {
  const { field, label, value, readOnly, multiline, type = 'text', hint, onCommit } = props;
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? value;
  const raw = (s: string) => (field === 'nextDueDate' ? (s === '' ? null : s) : s);
  const result = draft === null ? null : validateField(field, raw(draft));
  const error = result && !result.ok ? t(result.error.key, result.error.params) : null;

  const commit = () => {
    if (draft === null || !result) return;
    if (!result.ok) return; // keep the draft and its error on screen
    if (result.value !== raw(value)) onCommit(field, result.value);
    setDraft(null);
  };
  const common = {
    id,
    value: shown,
    readOnly,
    'aria-invalid': error !== null,
    'aria-describedby': [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
    onBlur: commit,
    onFocus: () => setDraft((d) => d ?? value),
  };
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea rows={4} {...common} />
      ) : (
        <input
          type={type}
          {...common}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape' && draft !== null) {
              e.stopPropagation();
              setDraft(null);
            }
          }}
        />
      )}
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
