/**
 * CPR numbers must never be stored on the board (privacy by design). We reject anything
 * shaped like ddmmyy-xxxx or ddmmyyxxxx whose first six digits form a real date. The
 * date check keeps ordinary numbers (phone numbers, amounts) from tripping it.
 */
const CPR_LIKE = /(?<!\d)(\d{2})(\d{2})(\d{2})[-\s]?(\d{4})(?!\d)/g;

export function containsCpr(text: string): boolean {
  for (const m of text.matchAll(CPR_LIKE)) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    if (day >= 1 && day <= 31 && month >= 1 && month <= 12) return true;
  }
  return false;
}

/** Replace CPR-like sequences, e.g. in log lines or imported text. */
export function maskCpr(text: string): string {
  return text.replace(CPR_LIKE, (whole, d: string, mo: string) => {
    const day = Number(d);
    const month = Number(mo);
    return day >= 1 && day <= 31 && month >= 1 && month <= 12 ? 'xxxxxx-xxxx' : whole;
  });
}
