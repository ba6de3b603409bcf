import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { searchOffers, type LocalOffer } from '../../../../shared/index.js';
import { FormStatus } from '../admin/FormStatus';
import { useAsyncAction } from '../admin/useAsyncAction';
import { OfferLine } from './OfferLine';
import { offersApi, useLocalOffers } from './offersApi';

const EMPTY = { name: '', what: '', area: '', contact: '', tags: '', districtId: '' };
type Draft = typeof EMPTY;
type TextKey = Exclude<keyof Draft, 'districtId'>;

const draftOf = (o: LocalOffer): Draft => ({
  name: o.name,
  what: o.what,
  area: o.area,
  contact: o.contact,
  tags: o.tags.join(', '),
  districtId: o.districtId ?? '',
});

/**
 * Keeps the local offers directory (R26): add, change, delete, with a search over the list.
 * For the administrator and leder on Indstillinger, and for the koordinator from a card's
 * offers; the server decides who may (rules/permissions.ts mayManageLocalOffers).
 */
export function LocalOffersAdmin({ onChanged }: { onChanged?: () => void }) {
  const { t } = useTranslation();
  const offers = useLocalOffers();
  const action = useAsyncAction();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const all = offers.state === 'ready' ? offers.offers : [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name: draft.name,
      what: draft.what,
      area: draft.area,
      contact: draft.contact,
      tags: draft.tags
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
      // Empty: the whole municipality; else one district's (its teams see it).
      districtId: draft.districtId === '' ? null : draft.districtId,
    };
    void action.run(async () => {
      if (editing) await offersApi.update(editing, body);
      else await offersApi.create(body);
      setDraft(EMPTY);
      setEditing(null);
      offers.reload();
      onChanged?.();
      return t('careSignals.admin.savedOffer');
    });
  };
  const remove = (o: LocalOffer) =>
    void action.run(async () => {
      await offersApi.remove(o.id);
      offers.reload();
      onChanged?.();
      return t('careSignals.admin.deleted');
    });

  const districts = offers.state === 'ready' ? offers.districts : [];
  const districtName = (id: string | null) => districts.find((d) => d.id === id)?.name ?? null;
  const field = (key: TextKey, multiline = false) => (
    <div className="field">
      <label htmlFor={`offer-${key}`}>{t(`careSignals.admin.${key}`)}</label>
      {multiline ? (
        <textarea
          id={`offer-${key}`}
          rows={2}
          value={draft[key]}
          onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
        />
      ) : (
        <input
          id={`offer-${key}`}
          value={draft[key]}
          onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
          data-testid={`offer-${key}`}
        />
      )}
    </div>
  );

  return (
    <section
      className="admin-form local-offers-admin"
      aria-labelledby="offers-admin-heading"
      data-testid="offers-admin"
    >
      <h3 id="offers-admin-heading">{t('careSignals.admin.offersHeading')}</h3>
      <p className="field-hint">{t('careSignals.admin.offersHint')}</p>
      <form onSubmit={submit}>
        {field('name')}
        {field('what', true)}
        {field('area')}
        {field('contact')}
        {field('tags')}
        <div className="field">
          <label htmlFor="offer-district">{t('careSignals.admin.district')}</label>
          <select
            id="offer-district"
            value={draft.districtId}
            onChange={(e) => setDraft({ ...draft, districtId: e.target.value })}
            data-testid="offer-district"
          >
            <option value="">{t('careSignals.admin.wholeMunicipality')}</option>
            {districts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary" disabled={action.busy || draft.name.trim() === ''}>
          {editing ? t('careSignals.admin.update') : t('careSignals.admin.add')}
        </button>{' '}
        {editing && (
          <button
            type="button"
            onClick={() => {
              setEditing(null);
              setDraft(EMPTY);
            }}
          >
            {t('careSignals.admin.cancel')}
          </button>
        )}
        <FormStatus error={action.error} done={action.done} />
      </form>
      <div className="field">
        <label htmlFor="offers-admin-q">{t('careSignals.offers.search')}</label>
        <input id="offers-admin-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </div>
      {offers.state === 'ready' && all.length === 0 && <p className="muted">{t('careSignals.admin.none')}</p>}
      <ul className="lc-list offer-list">
        {searchOffers(all, q).map((o) => (
          <li key={o.id}>
            <OfferLine offer={o} />
            {o.tags.length > 0 && <span className="muted"> · {o.tags.join(', ')}</span>}
            <span className="muted">
              {' '}
              · {districtName(o.districtId) ?? t('careSignals.admin.wholeMunicipality')}
            </span>{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setEditing(o.id);
                setDraft(draftOf(o));
              }}
            >
              {t('careSignals.admin.edit')}
            </button>{' '}
            <button type="button" className="link-button" onClick={() => remove(o)}>
              {t('careSignals.admin.delete')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
