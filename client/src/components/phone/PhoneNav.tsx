import { Inbox, LayoutList, Search, StickyNote, UserRound, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';

export type PhoneTab = 'mine' | 'board' | 'search' | 'toMe' | 'messages';

interface Props {
  /** null: none of the tabs is shown (another view was chosen in the menu). */
  tab: PhoneTab | null;
  onTab: (tab: PhoneTab) => void;
  /**
   * "Til mig": shown when given (the card log's unread entries for me, built beside this).
   * `unread` is the badge; 0 shows no badge.
   */
  toMe?: { unread: number };
  /** "Beskeder" (the free area, issue #16): shown when true. */
  messages?: boolean;
}

const ICONS: Record<PhoneTab, LucideIcon> = {
  mine: UserRound,
  board: LayoutList,
  search: Search,
  toMe: Inbox,
  messages: StickyNote,
};

function NavIcon({ tab }: { tab: PhoneTab }) {
  const Icon = ICONS[tab];
  return <Icon className="phone-nav-icon" aria-hidden="true" />;
}

/** The phone's bottom navigation, within reach of a thumb. */
export function PhoneNav({ tab, onTab, toMe, messages = false }: Props) {
  const { t } = useTranslation();
  const tabs: PhoneTab[] = ['mine', 'board', 'search'];
  if (toMe) tabs.push('toMe');
  if (messages) tabs.push('messages');

  return (
    <nav className="phone-nav" aria-label={t('phone.nav.label')} data-testid="phone-nav">
      {tabs.map((x) => (
        <button
          key={x}
          type="button"
          className="phone-nav-item"
          aria-current={tab === x ? 'page' : undefined}
          onClick={() => onTab(x)}
          data-testid={`phone-nav-${x}`}
        >
          <NavIcon tab={x} />
          <span className="phone-nav-label">{t(`phone.nav.${x}`)}</span>
          {x === 'toMe' && toMe && toMe.unread > 0 && (
            <span className="tab-badge" aria-label={t('phone.nav.unread', { count: toMe.unread })}>
              {toMe.unread}
            </span>
          )}
        </button>
      ))}
    </nav>
  );
}
