import { useState, type ReactNode } from 'react';
import type { BoardSnapshot } from '../../sync/boardStore';
import { MyCitizensView } from './MyCitizensView';
import { PhaseList } from './PhaseList';
import { PhoneNav, type PhoneTab } from './PhoneNav';
import { SearchView } from './SearchView';

interface Props {
  snapshot: BoardSnapshot;
  privacy: boolean;
  onOpen: (cardId: string) => void;
  /** "Til mig" (the card log's entries for me): its view and unread count, when built. */
  toMe?: { unread: number; view: ReactNode };
}

/** The board on a phone: Mine borgere, the phases as lists, search; a bottom bar between them. */
export function PhoneBoard({ snapshot, privacy, onOpen, toMe }: Props) {
  // Field staff open the app to see their own citizens first.
  const [tab, setTab] = useState<PhoneTab>('mine');
  // Kept here so coming back from a card shows the same hits.
  const [query, setQuery] = useState('');
  return (
    <>
      <div className="phone-board" data-testid="phone-board">
        {tab === 'mine' && <MyCitizensView snapshot={snapshot} privacy={privacy} onOpen={onOpen} />}
        {tab === 'board' && <PhaseList snapshot={snapshot} privacy={privacy} onOpen={onOpen} />}
        {tab === 'search' && (
          <SearchView snapshot={snapshot} privacy={privacy} query={query} onQueryChange={setQuery} onOpen={onOpen} />
        )}
        {tab === 'toMe' && toMe?.view}
      </div>
      <PhoneNav tab={tab} onTab={setTab} {...(toMe ? { toMe: { unread: toMe.unread } } : {})} />
    </>
  );
}
