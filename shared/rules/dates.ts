import { differenceInCalendarDays, format, getISOWeek, parseISO } from 'date-fns';
import { TZDate } from '@date-fns/tz';
import { da, enGB } from 'date-fns/locale';

/** All calendar reasoning happens in the municipality's time zone, whatever the device says. */
export const TIME_ZONE = 'Europe/Copenhagen';

/** The calendar date (YYYY-MM-DD) of an instant, as seen in Denmark. */
export function toIsoDate(instant: Date, timeZone: string = TIME_ZONE): string {
  // Every instant of one UTC minute has the same local date (today's zones differ from UTC by
  // whole minutes). The server asks for few minutes over and over: the current one (a Styring
  // event per edit; the time-zone conversion was 5 % of an edit's CPU, issue #15) and, in a
  // board's figures, its cards' creation minutes in turn with today's (a conversion for each
  // was a tenth of a board's load after a restart). So dates are kept per minute, a bounded few.
  const minute = Math.floor(instant.getTime() / 60_000);
  if (!Number.isFinite(minute)) return format(new TZDate(instant.getTime(), timeZone), 'yyyy-MM-dd');
  let byMinute = datesByZone.get(timeZone);
  if (byMinute === undefined) datesByZone.set(timeZone, (byMinute = new Map()));
  const kept = byMinute.get(minute);
  if (kept !== undefined) return kept;
  return keepBounded(byMinute, minute, format(new TZDate(instant.getTime(), timeZone), 'yyyy-MM-dd'));
}
const datesByZone = new Map<string, Map<number, string>>();

/** Answers a date helper keeps per map: far more than the dates a server asks about in a day. */
const DATES_KEPT = 4096;

/** Keeps `value` under `key` in a date helper's map, emptied first when it is full; returns it. */
export function keepBounded<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= DATES_KEPT) map.clear();
  map.set(key, value);
  return value;
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

/**
 * An instant as people read it, always in Danish time whatever the device's zone (two
 * devices in one team must never show a change an hour apart):
 * - `dateTime`: "7. dec. 2026 kl. 10.32" / "7 Dec 2026, 10:32"
 * - `time`: "10:32" (a clock, as on the board and the wall); `timeSeconds`: "10:32:05"
 * - `date`: "7. dec. 2026" / "7 Dec 2026"; `numericDate`: "7.12.2026" / "07/12/2026"
 * - `input`: "2026-12-07T10:32:05" (an <input type="datetime-local">'s value, Danish time)
 */
export type InstantStyle = 'dateTime' | 'time' | 'timeSeconds' | 'date' | 'numericDate' | 'input';

const INSTANT_PATTERNS: Readonly<Record<InstantStyle, Record<Lang, string>>> = {
  dateTime: { da: "d. MMM yyyy 'kl.' HH.mm", en: 'd MMM yyyy, HH:mm' },
  time: { da: 'HH:mm', en: 'HH:mm' },
  timeSeconds: { da: 'HH:mm:ss', en: 'HH:mm:ss' },
  date: { da: 'd. MMM yyyy', en: 'd MMM yyyy' },
  numericDate: { da: 'd.M.yyyy', en: 'dd/MM/yyyy' },
  input: { da: "yyyy-MM-dd'T'HH:mm:ss", en: "yyyy-MM-dd'T'HH:mm:ss" },
};

export function formatInstant(instant: Date | number | string, style: InstantStyle = 'dateTime', lang: Lang = 'da') {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'string' ? Date.parse(instant) : instant;
  if (!Number.isFinite(ms)) return '';
  const text = format(new TZDate(ms, TIME_ZONE), INSTANT_PATTERNS[style][lang], { locale: lang === 'da' ? da : enGB });
  // da's short months carry their own dot ("dec."), "maj" none: never two in a row.
  return text.replace(/\.\./g, '.');
}

/** A Danish wall-clock time (`input` style, "2026-12-07T10:32") as the instant it names. */
export function parseDanishLocal(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(new TZDate(y, mo - 1, d, h, mi, s, TIME_ZONE).getTime());
}
