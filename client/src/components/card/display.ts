import type { Card, Phase } from '../../../../shared/index.js';
import { enPhaseTitles } from '../../i18n/en';

/** What may be shown of a citizen: initials only in privacy mode (wall screen). */
export function displayName(card: Pick<Card, 'name' | 'initials'>, privacy: boolean): string {
  return privacy ? card.initials : card.name;
}

/** Column titles are board data; the default phases have an English translation by id. */
export function phaseTitle(phase: Phase, lang: 'da' | 'en'): string {
  return lang === 'en' ? (enPhaseTitles[phase.id] ?? phase.title) : phase.title;
}
