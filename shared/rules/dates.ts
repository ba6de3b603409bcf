import { differenceInCalendarDays, format, getISOWeek, parseISO } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { da, enGB } from 'date-fns/locale';

/** All calendar reasoning happens in the municipality's time zone, whatever the device says. */
export const TIME_ZONE = 'Europe/Copenhagen';

/** The calendar date (YYYY-MM-DD) of an instant, as seen in Denmark. */
export function toIsoDate(instant: Date, timeZone: string = TIME_ZONE): string {
  return format(new TZDate(instant.getTime(), timeZone), 'yyyy-MM-dd');
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

/** ISO 8601 week number, as Danish users say "uge 37". */
export function isoWeek(date: string): number {
  return getISOWeek(parseISO(date));
}

export type Lang = 'da' | 'en';

/** "24. nov. 2026 (uge 48)" / "24 Nov 2026 (week 48)". */
export function formatDateWithWeek(date: string, lang: Lang = 'da'): string {
  const d = parseISO(date);
  const locale = lang === 'da' ? da : enGB;
  const text = format(d, 'd. MMM yyyy', { locale }).replace(/\.\./g, '.');
  return lang === 'da'
    ? `${text} (uge ${getISOWeek(d)})`
    : `${format(d, 'd MMM yyyy', { locale })} (week ${getISOWeek(d)})`;
}

/** Short form for cards: "24.11 · uge 48" / "24/11 · wk 48" (day first, as en-GB writes it). */
export function formatShortDate(date: string, lang: Lang = 'da'): string {
  const d = parseISO(date);
  return lang === 'da' ? `${format(d, 'dd.MM')} · uge ${getISOWeek(d)}` : `${format(d, 'dd/MM')} · wk ${getISOWeek(d)}`;
}
