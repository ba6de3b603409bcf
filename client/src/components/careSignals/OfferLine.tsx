import { useTranslation } from 'react-i18next';
import type { LocalOffer } from '../../../../shared/index.js';

/** One offer: name, what, where, who to contact. */
export function OfferLine({ offer }: { offer: LocalOffer }) {
  const { t } = useTranslation();
  return (
    <span className="offer-line">
      <strong>{offer.name}</strong>
      {offer.what && <span> – {offer.what}</span>}
      <span className="muted">
        {offer.area && ` · ${t('careSignals.offers.area')}: ${offer.area}`}
        {offer.contact && ` · ${t('careSignals.offers.contact')}: ${offer.contact}`}
      </span>
    </span>
  );
}
