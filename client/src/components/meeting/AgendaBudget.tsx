import { useTranslation } from 'react-i18next';
import {
  agendaDuration,
  cycleBroken,
  formatMinutes,
  planVerdict,
  type AgendaEntry,
  type AgendaPlanSummary,
  type Card,
} from '../../../../shared/index.js';
import { itemName } from './display';

interface Props {
  /** What "Lav dagsorden" planned (stored on the meeting); null for an agenda made by hand or before budgets. */
  plan: AgendaPlanSummary | null;
  agenda: readonly AgendaEntry[];
  cardsById: ReadonlyMap<string, Card>;
  privacy: boolean;
  lang: 'da' | 'en';
}

/**
 * The agenda against its time budget (issue #11): how full it is, the plan's verdict in
 * plain words (must-discuss over budget, a rotation that cannot keep its N days), and who
 * was not reached – "ikke nået – foreslås næste gang".
 */
export function AgendaBudget({ plan, agenda, cardsById, privacy, lang }: Props) {
  const { t } = useTranslation();
  if (plan === null) return null;
  const total = agendaDuration(agenda);
  const over = total - plan.budgetMin;
  const warn = plan.overBudgetMin > 0 || cycleBroken(plan);
  // the plan's first line repeats the total unless the must-discuss items alone are over budget
  const [planned, ...rest] = planVerdict(plan, lang);
  return (
    <div className={`agenda-budget${warn ? ' warn' : ''}`} data-testid="agenda-budget">
      <p data-testid="agenda-total" data-minutes={total} data-budget={plan.budgetMin}>
        <strong>
          {over > 0
            ? t('meeting.agendaOver', {
                total: formatMinutes(total, lang),
                budget: formatMinutes(plan.budgetMin, lang),
                over: formatMinutes(over, lang),
              })
            : t('meeting.budgetTotal', {
                total: formatMinutes(total, lang),
                budget: formatMinutes(plan.budgetMin, lang),
              })}
        </strong>
      </p>
      {/* The live region wraps the list: role="status" on the <ul> itself hid that it is a list. */}
      <div role="status">
        <ul className="agenda-verdict" data-testid="agenda-verdict">
          {(plan.overBudgetMin > 0 ? [planned!, ...rest] : rest).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>
      {plan.notReached.length > 0 && (
        <details className="agenda-not-reached" data-testid="agenda-not-reached">
          <summary>{t('meeting.notReached', { count: plan.notReached.length })}</summary>
          <ul>
            {plan.notReached.map((n) => (
              <li key={n.cardId}>{itemName(n, cardsById, privacy)}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
