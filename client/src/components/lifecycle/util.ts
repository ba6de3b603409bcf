import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ZodError } from 'zod';
import type { BoardDoc, TransactionOrigin } from '../../../../shared/index.js';
import { formatInstant } from '../../../../shared/rules/dates.js';
import { useLifecycleEnv } from './env';

/** "12.12" (Danish) / "12/12" (English): the short day-and-month used on card badges. */
export function dayMonth(date: string, lang: 'da' | 'en'): string {
  const [, m, d] = date.split('-');
  return lang === 'da' ? `${d}.${m}` : `${d}/${m}`;
}

/** "12.12–18.12" */
export function dateRange(from: string, to: string, lang: 'da' | 'en'): string {
  return `${dayMonth(from, lang)}–${dayMonth(to, lang)}`;
}

/** A date-time (ISO instant) as a local date "12.12.2026". */
export function instantDate(at: string, lang: 'da' | 'en'): string {
  return formatInstant(at, 'numericDate', lang);
}

/**
 * Runs one user action against the board (own undo step, this user's origin). Returns
 * null on success, or a message for the person when the input did not validate.
 */
export function useLifecycleWrite(): (
  action: (board: BoardDoc, origin: TransactionOrigin) => unknown,
) => string | null {
  const { connection } = useLifecycleEnv();
  const { t } = useTranslation();
  return useCallback(
    (action) => {
      try {
        connection.write(action);
        return null;
      } catch (err) {
        if (err instanceof ZodError) return err.issues[0]?.message ?? t('lifecycle.invalid');
        return err instanceof Error ? err.message : t('lifecycle.invalid');
      }
    },
    [connection, t],
  );
}
