/**
 * CPR numbers must never be stored on the board (privacy by design). We reject anything
 * shaped like ddmmyy-xxxx, ddmmyyxxxx or ddmmyy xxxx whose first six digits form a real
 * date. The date check keeps ordinary numbers (phone numbers, amounts) from tripping it.
 */
const CPR_LIKE = /(?<!\d)(\d{2})(\d{2})(\d{2})[-\s]?(\d{4})(?!\d)/g;

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * Does ddmmyy name a real day? The century is not known from six digits (the CPR's
 * seventh digit decides it), so 29 February counts whenever yy is divisible by 4: that
 * errs towards rejecting, which is the safe side for privacy.
 */
function isCprDate(dd: string, mm: string, yy: string): boolean {
  const day = Number(dd);
  const month = Number(mm);
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29) return Number(yy) % 4 === 0;
  return day <= DAYS_IN_MONTH[month - 1]!;
}

export function containsCpr(text: string): boolean {
  for (const m of text.matchAll(CPR_LIKE)) {
    if (isCprDate(m[1]!, m[2]!, m[3]!)) return true;
  }
  return false;
}

/** Replace CPR-like sequences, e.g. in log lines or imported text. */
export function maskCpr(text: string): string {
  return text.replace(CPR_LIKE, (whole, d: string, mo: string, y: string) =>
    isCprDate(d, mo, y) ? 'xxxxxx-xxxx' : whole,
  );
}
