import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RequestKindSchema, type Card, type RequestKind } from '../../../../shared/index.js';
import { useLifecycleEnv } from './env';
import { useLifecycleWrite } from './util';

interface Props {
  card: Card;
  /** A fixed kind (e.g. 'afslut' from the close section); otherwise the person chooses. */
  kind?: RequestKind;
}

/** "Send anmodning til visitator": a kind and a one-line reason (R15). */
export function RequestForm({ card, kind: fixedKind }: Props) {
  const { t } = useTranslation();
  const { user, editable } = useLifecycleEnv();
  const write = useLifecycleWrite();
  const id = useId();
  const [kind, setKind] = useState<RequestKind>(fixedKind ?? 'mere-tid');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  if (!editable) return null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const err = write((board, origin) =>
      board.addRequest(card.id, { kind: fixedKind ?? kind, reason, by: user.id, byName: user.name }, origin),
    );
    setError(err);
    if (err === null) {
      setReason('');
      setSent(true);
    }
  };
  return (
    <form className="lc-form request-form" onSubmit={submit} data-testid="request-form">
      {!fixedKind && (
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('lifecycle.requests.kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as RequestKind)}>
            {RequestKindSchema.options.map((k) => (
              <option key={k} value={k}>
                {t(`lifecycle.requestKind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className={`field${error ? ' field-invalid' : ''}`}>
        <label htmlFor={`${id}-reason`}>{t('lifecycle.requests.reason')}</label>
        <input
          id={`${id}-reason`}
          value={reason}
          maxLength={200}
          onChange={(e) => {
            setReason(e.target.value);
            setSent(false);
          }}
          aria-invalid={error !== null}
          aria-describedby={error ? `${id}-error` : undefined}
        />
      </div>
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary">
        {t('lifecycle.requests.send')}
      </button>
      {sent && (
        <p className="lc-ok" role="status">
          {t('lifecycle.requests.sent')}
        </p>
      )}
    </form>
  );
}
