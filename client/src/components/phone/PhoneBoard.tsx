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
  /** "Beskeder": the free area's notes (issue #16), when given. */
  messages?: ReactNode;
  /** Another view chosen in the menu (the triage list): shown instead, until a tab is tapped. */
  replaced?: ReactNode;
  onLeaveReplaced?: () => void;
  /** Behind a full-screen card: out of reach of taps, keyboard and screen readers. */
  inert?: boolean;
}

/** The board on a phone: Mine borgere, the phases as lists, search; a bottom bar between them. */
export function PhoneBoard({ snapshot, privacy, onOpen, toMe, messages, replaced, onLeaveReplaced, inert }: Props) {
  // Field staff open the app to see their own citizens first.
  const [tab, setTab] = useState<PhoneTab>('mine');
  // Kept here so coming back from a card shows the same hits.
  const [query, setQuery] = useState('');
  return (
    <div className="phone-board-frame" inert={inert}>
      <div className="phone-board" data-testid="phone-board">
        {replaced}
        {!replaced && tab === 'mine' && <MyCitizensView snapshot={snapshot} privacy={privacy} onOpen={onOpen} />}
        {!replaced && tab === 'board' && <PhaseList snapshot={snapshot} privacy={privacy} onOpen={onOpen} />}
        {!replaced && tab === 'search' && (
          <SearchView snapshot={snapshot} privacy={privacy} query={query} onQueryChange={setQuery} onOpen={onOpen} />
        )}
        {!replaced && tab === 'toMe' && toMe?.view}
        {!replaced && tab === 'messages' && messages}
      </div>
      <PhoneNav
        tab={replaced ? null : tab}
        onTab={(x) => {
          onLeaveReplaced?.();
          setTab(x);
        }}
        {...(toMe ? { toMe: { unread: toMe.unread } } : {})}
        messages={messages !== undefined}
      />
    </div>
  );
}
