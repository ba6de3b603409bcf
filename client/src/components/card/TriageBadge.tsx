import { useTranslation } from 'react-i18next';
import type { Triage } from '../../../../shared/index.js';
import { TriageShape } from './TriageShape';

/** Triage is never colour alone: shape and word go with the colour; read as one "Triage: Rød". */
export function TriageBadge({ triage }: { triage: Triage }) {
  const { t } = useTranslation();
  const level = t(`triage.${triage}`);
  return (
    <span className={`triage triage-${triage}`} role="img" aria-label={t('triage.label', { level })}>
      <TriageShape triage={triage} />
      <span aria-hidden="true">{level}</span>
    </span>
  );
}
