import { useDeferredValue, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { searchActiveCitizens } from '../../../../shared/index.js';
import type { BoardSnapshot } from '../../sync/boardStore';
import { PhoneCardList } from './PhoneCardRow';

interface Props {
  snapshot: BoardSnapshot;
  privacy: boolean;
  query: string;
  onQueryChange: (query: string) => void;
  onOpen: (cardId: string) => void;
}

/**
 * "Søg": the active citizens by name or initials (the card has no address field, so no
 * address area). In privacy mode only initials are shown, so only initials are searched.
 */
export function SearchView({ snapshot, privacy, query, onQueryChange, onOpen }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const typed = useDeferredValue(query);
  const hits = useMemo(() => {
    const cards = privacy
      ? [...snapshot.cardsById.values()].map((c) => ({ ...c, name: c.initials }))
      : snapshot.cardsById.values();
    const found = searchActiveCitizens(cards, snapshot.phases, typed);
    return found.map((c) => snapshot.cardsById.get(c.id)!);
  }, [snapshot, privacy, typed]);
  return (
    <section className="phone-view" aria-labelledby={`${id}-title`} data-testid="phone-search">
      <h2 id={`${id}-title`} className="phone-view-title">
        {t('phone.search.title')}
      </h2>
      <form role="search" className="phone-search-form" onSubmit={(e) => e.preventDefault()}>
        <label htmlFor={`${id}-q`}>{t('phone.search.label')}</label>
        <input
          id={`${id}-q`}
          type="search"
          // Names are not words to correct: no autocorrect or capitalisation games.
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="search"
          value={query}
          onChange={(e) => onQueryChange(e.target.value)}
          aria-describedby={`${id}-hint`}
          data-testid="phone-search-input"
        />
        <p id={`${id}-hint`} className="phone-view-hint">
          {t('phone.search.hint')}
        </p>
      </form>
      {typed.trim() !== '' && (
        <p className="phone-search-count" role="status">
          {hits.length === 0
            ? t('phone.search.none', { query: typed.trim() })
            : t('phone.search.count', { count: hits.length })}
        </p>
      )}
      <PhoneCardList cards={hits} phases={snapshot.phases} privacy={privacy} onOpen={onOpen} />
    </section>
  );
}
