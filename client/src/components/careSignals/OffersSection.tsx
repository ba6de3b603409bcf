import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchOffers, type Card } from '../../../../shared/index.js';
import { useLifecycleEnv } from '../lifecycle/env';
import { useLifecycleWrite } from '../lifecycle/util';
import { useLocalOffers } from './offersApi';
import { LocalOffersAdmin } from './LocalOffersAdmin';
import { OfferLine } from './OfferLine';

/** How many search hits are listed at once. */
const MAX_HITS = 8;

/**
 * Local offers on the card (R26): those linked to the citizen, and a search of the
 * municipality's directory (æøå optional, like the phone's Søg) to link one more. The link
 * goes through the board doc; the server refuses an id the directory does not have.
 */
export function OffersSection({ card }: { card: Card }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const write = useLifecycleWrite();
  const id = useId();
  const offers = useLocalOffers();
  const [q, setQ] = useState('');
  const [error, setError] = useState<string | null>(null);
  const all = offers.state === 'ready' ? offers.offers : [];
  const byId = new Map(all.map((o) => [o.id, o]));
  const linkedIds = new Set(card.lifecycle.offerLinks.map((l) => l.id));
  const hits =
    q.trim() === ''
      ? []
      : searchOffers(all, q)
          .filter((o) => !linkedIds.has(o.id))
          .slice(0, MAX_HITS);

  return (
    <div className="lc-subsection offers-section" data-testid="offers-section">
      <h3>{t('careSignals.offers.title')}</h3>
      <h4>{t('careSignals.offers.linked')}</h4>
      {card.lifecycle.offerLinks.length === 0 ? (
        <p className="muted">{t('careSignals.offers.noneLinked')}</p>
      ) : (
        <ul className="lc-list offer-list" data-testid="offer-linked">
          {card.lifecycle.offerLinks.map((l) => {
            const o = byId.get(l.id);
            return (
              <li key={l.id}>
                {o ? <OfferLine offer={o} /> : <span className="muted">{t('careSignals.offers.gone')}</span>}
                {env.editable && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setError(write((board, origin) => board.unlinkOffer(card.id, l.id, origin)))}
                  >
                    {t('careSignals.offers.unlink')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {env.editable && (
        <div className="field offer-search">
          <label htmlFor={`${id}-q`}>{t('careSignals.offers.search')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            aria-describedby={`${id}-hint`}
            data-testid="offer-search"
          />
          <p id={`${id}-hint`} className="field-hint">
            {t('careSignals.offers.searchHint')}
          </p>
          {offers.state === 'loading' && <p className="muted">{t('careSignals.offers.loading')}</p>}
          {offers.state === 'failed' && <p className="field-error">{t('careSignals.offers.failed')}</p>}
          {q.trim() !== '' && offers.state === 'ready' && hits.length === 0 && (
            <p className="muted">{t('careSignals.offers.noHits')}</p>
          )}
          {hits.length > 0 && (
            <ul className="lc-list offer-list" data-testid="offer-hits">
              {hits.map((o) => (
                <li key={o.id}>
                  <OfferLine offer={o} />
                  <button
                    type="button"
                    data-testid="offer-link"
                    onClick={() => {
                      setError(
                        write((board, origin) =>
                          board.linkOffer(card.id, o.id, { by: env.user.id, byName: env.user.name }, origin),
                        ),
                      );
                      setQ('');
                    }}
                  >
                    {t('careSignals.offers.link')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {offers.state === 'ready' && offers.canManage && (
        // The koordinator keeps the list from here (the admin page is the administrator's and leder's).
        <details className="offers-manage">
          <summary>{t('careSignals.offers.manage')}</summary>
          <LocalOffersAdmin onChanged={offers.reload} />
        </details>
      )}
    </div>
  );
}
