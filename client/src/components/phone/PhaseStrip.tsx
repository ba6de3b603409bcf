import { useTranslation } from 'react-i18next';
import type { BoardSnapshot } from '../../sync/boardStore';
import { phaseTitle } from '../card/display';

/**
 * On a tablet the board shows three columns at a time; this row keeps every phase's
 * name and count in sight, and a tap pages the board to that column.
 */
export function PhaseStrip({ snapshot }: { snapshot: BoardSnapshot }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  return (
    <nav className="phase-strip" aria-label={t('phone.phaseStrip')} data-testid="phase-strip">
      {snapshot.phases.map((phase) => (
        <button
          key={phase.id}
          type="button"
          onClick={() => {
            // Scroll the board sideways only: scrollIntoView would scroll the page as well.
            const column = document.querySelector<HTMLElement>(`[data-testid="column-${CSS.escape(phase.id)}"]`);
            const scroller = column?.parentElement;
            if (!column || !scroller) return;
            const left = column.offsetLeft - parseFloat(getComputedStyle(scroller).paddingLeft);
            scroller.scrollTo({ left, behavior: 'smooth' });
          }}
        >
          {phaseTitle(phase, lang)}
          <span className="column-count">{snapshot.columns.get(phase.id)?.length ?? 0}</span>
        </button>
      ))}
    </nav>
  );
}
