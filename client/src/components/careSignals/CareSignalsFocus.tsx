import { useTranslation } from 'react-i18next';
import { offersForCard, recentDeclines, type Card } from '../../../../shared/index.js';
import { useLifecycleEnv } from '../lifecycle/env';
import { instantDate } from '../lifecycle/util';
import { OfferLine } from './OfferLine';
import { useLocalOffers } from './offersApi';

/** How many of the window's "nej tak" the focus lists. */
const SHOWN = 3;

/**
 * Beside the citizen being discussed at the meeting (staff view, not privacy mode): what they
 * said "nej tak" to lately (R24: the talk is about why, S2:3598-3606), and local offers that
 * may fit – linked ones, then those whose topics match the citizen's goals, e.g. "ensomhed"
 * → besøgsven (R26; S2:1907-1928: being reminded is half of linking).
 */
export function CareSignalsFocus({ card }: { card: Card }) {
  const { t } = useTranslation();
  const env = useLifecycleEnv();
  const offers = useLocalOffers();
  const declines = recentDeclines(card.lifecycle.declines, new Date(), env.careSignals.declineDays).reverse();
  const suggestions = offers.state === 'ready' ? offersForCard(card, offers.offers) : [];
  if (declines.length === 0 && suggestions.length === 0) return null;
  return (
    <div className="care-signals-focus" data-testid="care-signals-focus">
      {declines.length > 0 && (
        <div data-testid="focus-declines">
          <h4>
            {t('careSignals.focus.declines')} ·{' '}
            {t('careSignals.declines.count', { count: declines.length, days: env.careSignals.declineDays })}
          </h4>
          <ul className="lc-list">
            {declines.slice(0, SHOWN).map((d) => (
              <li key={d.id}>
                {d.what} <span className="muted">· {instantDate(d.at, env.lang)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {suggestions.length > 0 && (
        <div data-testid="focus-offers">
          <h4>{t('careSignals.offers.suggest')}</h4>
          <ul className="lc-list">
            {suggestions.map((s) => (
              <li key={s.offer.id}>
                <OfferLine offer={s.offer} />
                {s.linked ? (
                  <span className="offer-tag"> · {t('careSignals.offers.linked')}</span>
                ) : (
                  <span className="offer-tag"> · {t('careSignals.offers.matched', { tags: s.tags.join(', ') })}</span>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
