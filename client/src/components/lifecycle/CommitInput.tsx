import { useId, useState } from 'react';

interface Props {
  label: string;
  value: string;
  type?: 'text' | 'date' | 'number';
  readOnly?: boolean;
  hint?: string;
  placeholder?: string;
  step?: string;
  testId?: string;
  /** Writes the value; returns an error message to keep the draft on screen, or null. */
  onCommit: (value: string) => string | null;
}

/**
 * A field that writes once, on blur or Enter, like the card's other fields: a colleague's
 * edit shows up until you start typing, and a half-typed date is never written.
 */
export function CommitInput({
  label,
  value,
  type = 'text',
  readOnly,
  hint,
  placeholder,
  step,
  testId,
  onCommit,
}: Props) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    if (draft === value) {
      setDraft(null);
      setError(null);
      return;
    }
    const err = onCommit(draft);
    setError(err);
    if (err === null) setDraft(null);
  };
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type={type}
        step={step}
        value={draft ?? value}
        readOnly={readOnly}
        placeholder={placeholder}
        data-testid={testId}
        aria-invalid={error !== null}
        aria-describedby={describedBy}
        onFocus={() => setDraft((d) => d ?? value)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
          if (e.key === 'Escape' && draft !== null) {
            e.stopPropagation();
            setDraft(null);
            setError(null);
          }
        }}
      />
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
