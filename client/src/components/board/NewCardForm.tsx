import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { validateField } from '../card/validation';

interface Props {
  columnTitle: string;
  onCreate: (name: string) => void;
}

/** "Ny borger" at the foot of a column: a name is enough, the rest is edited in the panel. */
export function NewCardForm({ columnTitle, onCreate }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  if (!open) {
    return (
      <button type="button" className="new-card-button" onClick={() => setOpen(true)}>
        <span aria-hidden="true">+ </span>
        {t('board.newCard')}
        <span className="visually-hidden"> – {columnTitle}</span>
      </button>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const result = validateField('name', name);
    if (!result.ok) return setError(t(result.error.key, result.error.params));
    onCreate(String(result.value));
    setName('');
    setError(null);
    setOpen(false);
  };
  const cancel = () => {
    setOpen(false);
    setName('');
    setError(null);
  };
  return (
    <form className="new-card-form" onSubmit={submit} aria-label={t('board.newCardIn', { column: columnTitle })}>
      <label className="field">
        <span>{t('board.newCardName')}</span>
        <input
          autoFocus
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => e.key === 'Escape' && cancel()}
          aria-invalid={error !== null}
          aria-describedby={error ? 'new-card-error' : undefined}
        />
      </label>
      {error && (
        <p id="new-card-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('board.create')}
        </button>
        <button type="button" onClick={cancel}>
          {t('board.cancel')}
        </button>
      </div>
    </form>
  );
}
