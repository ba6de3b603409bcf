import { useTranslation } from 'react-i18next';
import type { BoardConnection } from '../../sync/boardConnection';
import { FreeList } from './FreeList';
import { useFreeItems } from './useFreeItems';

const NONE: ReadonlySet<string> = new Set();

/**
 * The wall's "Dagens beskeder": only what the server's projection holds (items marked "Vis
 * på skærmen" that name no citizen: rules/freeArea.ts wallFreeItems), large, beside the
 * board. Nothing at all when there is nothing to show, so the board keeps the whole wall.
 */
export function WallFreeArea({ connection }: { connection: BoardConnection }) {
  const { t } = useTranslation();
  const items = useFreeItems(connection.board);
  if (items.length === 0) return null;
  return (
    <section className="wall-free" aria-label={t('freeArea.title')} data-testid="wall-free">
      <h2 className="wall-free-title">{t('freeArea.title')}</h2>
      {/* The server already left out anything naming a citizen; the wall has no names to check against. */}
      <FreeList items={items} citizens={NONE} privacy user={null} />
    </section>
  );
}
