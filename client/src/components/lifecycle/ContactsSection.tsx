import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ContactChannelSchema, type Card, type ContactChannel, type Relative } from '../../../../shared/index.js';
import { validateField } from '../card/validation';
import { CommitInput } from './CommitInput';
import { useLifecycleEnv } from './env';
import { useLifecycleWrite } from './util';

/** Primary and secondary kontaktperson, and the pårørende with consent, channel and good news (R20, R22). */
export function ContactsSection({ card }: { card: Card }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const write = useLifecycleWrite();
  const id = useId();
  const readOnly = !env.editable;
  return (
    <section className="lc-section">
      <CommitInput
        label={t('lifecycle.contacts.primary')}
        value={card.contactPerson}
        readOnly={readOnly}
        onCommit={(v) => {
          const result = validateField('contactPerson', v);
          if (!result.ok) return t(result.error.key, result.error.params);
          return write((board, origin) => board.updateCard(card.id, { contactPerson: result.value }, origin));
        }}
      />
      <CommitInput
        label={t('lifecycle.contacts.secondary')}
        value={card.lifecycle.secondaryContact}
        readOnly={readOnly}
        onCommit={(v) => write((board, origin) => board.setLifecycle(card.id, { secondaryContact: v }, origin))}
      />
      <div className="lc-subsection" aria-labelledby={`${id}-h`}>
        <h3 id={`${id}-h`}>{t('lifecycle.contacts.relativesTitle')}</h3>
        {card.lifecycle.relatives.length === 0 && <p className="muted">{t('lifecycle.contacts.none')}</p>}
        <ul className="lc-list">
          {card.lifecycle.relatives.map((r) => (
            <li key={r.id}>
              {r.phone && (
                // One tap to call from the citizen's home (phone layout), not copy the number by hand.
                <a className="call-link" href={`tel:${r.phone.replace(/[^\d+]/g, '')}`}>
                  <span aria-hidden="true">☎ </span>
                  {t('phone.call', { name: r.name, phone: r.phone })}
                </a>
              )}
              <RelativeForm card={card} relative={r} />
            </li>
          ))}
        </ul>
        {!readOnly && <RelativeForm card={card} relative={null} />}
      </div>
    </section>
  );
}

function RelativeForm({ card, relative }: { card: Card; relative: Relative | null }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const write = useLifecycleWrite();
  const id = useId();
  const empty = {
    name: '',
    relation: '',
    phone: '',
    consent: false,
    channel: 'sms' as ContactChannel,
    goodNews: false,
  };
  const [draft, setDraft] = useState(relative ? { ...relative } : empty);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof typeof draft>(k: K, v: (typeof draft)[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const err = write((board, origin) =>
      board.upsertRelative(card.id, { ...draft, ...(relative ? { id: relative.id } : {}) }, origin),
    );
    setError(err);
    if (err === null && !relative) setDraft(empty);
  };
  return (
    <form className="lc-form relative-form" onSubmit={submit}>
      <fieldset disabled={!env.editable}>
        {!relative && <legend>{t('lifecycle.contacts.add')}</legend>}
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('lifecycle.contacts.name')}</label>
            <input id={`${id}-name`} value={draft.name} maxLength={80} onChange={(e) => set('name', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-rel`}>{t('lifecycle.contacts.relation')}</label>
            <input
              id={`${id}-rel`}
              value={draft.relation}
              maxLength={40}
              onChange={(e) => set('relation', e.target.value)}
            />
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-phone`}>{t('lifecycle.contacts.phone')}</label>
            <input
              id={`${id}-phone`}
              type="tel"
              value={draft.phone}
              maxLength={30}
              onChange={(e) => set('phone', e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-ch`}>{t('lifecycle.contacts.channel')}</label>
            <select
              id={`${id}-ch`}
              value={draft.channel}
              onChange={(e) => set('channel', e.target.value as ContactChannel)}
            >
              {ContactChannelSchema.options.map((c) => (
                <option key={c} value={c}>
                  {t(`lifecycle.channel.${c}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label className="check-line">
          <input type="checkbox" checked={draft.consent} onChange={(e) => set('consent', e.target.checked)} />
          {t('lifecycle.contacts.consent')}
        </label>
        {relative && !relative.consent && <p className="lc-warning">{t('lifecycle.contacts.noConsent')}</p>}
        <label className="check-line">
          <input type="checkbox" checked={draft.goodNews} onChange={(e) => set('goodNews', e.target.checked)} />
          {t('lifecycle.contacts.goodNews')}
        </label>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className={relative ? undefined : 'primary'}>
            {relative ? t('lifecycle.contacts.save') : t('lifecycle.contacts.add')}
          </button>
          {relative && (
            <button
              type="button"
              className="link-button"
              onClick={() => write((board, origin) => board.removeRelative(card.id, relative.id, origin))}
            >
              {t('lifecycle.contacts.remove')}
            </button>
          )}
        </div>
      </fieldset>
    </form>
  );
}
