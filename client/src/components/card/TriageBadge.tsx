import { useTranslation } from 'react-i18next';
import type { Triage } from '../../../../shared/index.js';
import { TriageShape } from './TriageShape';

/** Triage is never colour alone: a shape, a letter (G / Gu / R) and an accessible label go with it. */
export function TriageBadge({ triage }: { triage: Triage }) {
  const { t } = useTranslation();
  const level = t(`triage.${triage}`);
  return (
    <span className={`triage triage-${triage}`} role="img" aria-label={t('triage.label', { level })} title={level}>
      <TriageShape triage={triage} />
      <span aria-hidden="true">{t(`triage.${triage}Short`)}</span>
    </span>
  );
}
