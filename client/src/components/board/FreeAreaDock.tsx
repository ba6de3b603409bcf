import { StickyNote, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../../shared/index.js';
import type { BoardConnection } from '../../sync/boardConnection';
import { FreeAreaPanel } from './lazyParts';

/** Open or closed is remembered per device: a wall-mounted PC keeps it open, a laptop closed. */
const OPEN_KEY = 'tavlen.freeArea.open';

interface Props {
  connection: BoardConnection;
  user: SessionUser;
  editable: boolean;
  privacy: boolean;
  onError: (message: string) => void;
}

/**
 * "Dagens beskeder" beside the columns (issue #16): a narrow strip with its button when
 * closed; the free area itself is a lazy chunk loaded the first time it is opened.
 */
export function FreeAreaDock(props: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(() => localStorage.getItem(OPEN_KEY) === 'open');
  const toggle = () => {
    setOpen(!open);
    localStorage.setItem(OPEN_KEY, open ? 'closed' : 'open');
  };
  if (!open) {
    return (
      <div className="free-dock closed">
        <button
          type="button"
          className="free-dock-open"
          title={t('freeArea.openHint')}
          aria-expanded={false}
          onClick={toggle}
          data-testid="free-open"
        >
          <StickyNote aria-hidden="true" />
          <span>{t('freeArea.open')}</span>
        </button>
      </div>
    );
  }
  return (
    // A region inside the board's <main>, not an <aside>: complementary landmarks belong at the top level.
    <section className="free-dock" aria-label={t('freeArea.title')} data-testid="free-dock">
      <header className="free-dock-header">
        <h2>{t('freeArea.title')}</h2>
        <button
          type="button"
          className="free-icon-button"
          aria-label={t('freeArea.close')}
          aria-expanded
          onClick={toggle}
          data-testid="free-close"
        >
          <X aria-hidden="true" />
        </button>
      </header>
      <FreeAreaPanel {...props} />
    </section>
  );
}
