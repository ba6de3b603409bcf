import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardSnapshot } from '../../sync/boardStore';
import { phaseTitle } from '../card/display';

const columnOf = (phaseId: string) =>
  document.querySelector<HTMLElement>(`[data-testid="column-${CSS.escape(phaseId)}"]`);

/**
 * On a tablet the board shows three columns at a time; this row keeps every phase's
 * name and count in sight, marks the ones on screen, and a tap pages the board there.
 */
export function PhaseStrip({ snapshot }: { snapshot: BoardSnapshot }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'da';
  const [inView, setInView] = useState<ReadonlySet<string>>(new Set());
  const phaseIds = snapshot.phases.map((p) => p.id).join('\n');
  useEffect(() => {
    const scroller = document.querySelector<HTMLElement>('.board-columns');
    if (!scroller) return;
    const measure = () => {
      const box = scroller.getBoundingClientRect();
      const shown = new Set<string>();
      for (const id of phaseIds.split('\n')) {
        const b = columnOf(id)?.getBoundingClientRect();
        // More than half of the column on screen.
        if (b && Math.min(b.right, box.right) - Math.max(b.left, box.left) > b.width / 2) shown.add(id);
      }
      setInView((prev) => (prev.size === shown.size && [...shown].every((x) => prev.has(x)) ? prev : shown));
    };
    measure();
    scroller.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('resize', measure);
    return () => {
      scroller.removeEventListener('scroll', measure);
      window.removeEventListener('resize', measure);
    };
  }, [phaseIds]);
  return (
    <nav className="phase-strip" aria-label={t('phone.phaseStrip')} data-testid="phase-strip">
      {snapshot.phases.map((phase) => (
        <button
          key={phase.id}
          type="button"
          className={inView.has(phase.id) ? 'in-view' : undefined}
          data-testid={`strip-${phase.id}`}
          onClick={() => {
            // Scroll the board sideways only: scrollIntoView would scroll the page as well.
            const column = columnOf(phase.id);
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
