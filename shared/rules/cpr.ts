/**
 * CPR numbers must never be stored on the board (privacy by design, digest R36). We reject
 * anything shaped like a CPR number — ddmmyy and four digits — whose first six digits form
 * a real date. The date check keeps ordinary numbers (phone numbers, amounts) from tripping it.
 *
 * People (and hostile clients) write CPR numbers in many ways, so the text is normalised
 * first, character by character, and the pattern runs on the result:
 * - every Unicode decimal digit (fullwidth ０, Arabic-Indic, mathematical 𝟎 …) → 0–9, after
 *   NFKC (which also turns superscripts and circled digits into digits);
 * - every dash, hyphen and minus (‐ ‑ ‒ – — − ﹣ － …) → '-';
 * - every space, incl. NBSP, narrow NBSP and line breaks → ' ';
 * - invisible characters (zero-width space/joiners, word joiner, BOM, soft hyphen, other
 *   format characters and combining marks) are dropped;
 * - the letters O/o and I/l inside a run of digits (not inside a word) → 0 and 1.
 * Between the three pairs of the date and before the last four digits the pattern allows
 * nothing, up to three spaces, or one of `- . / _` with up to three spaces around it:
 * `010190-1234`, `010190 - 1234`, `01.01.90-1234`, `01 01 90 1234`, `010190/1234`.
 */

/** One of: nothing, spaces, or a separator with optional spaces around it. */
const SEP = '(?: {0,3}[-./_] {0,3}| {1,3})?';
const CPR_SOURCE = `(?<!\\d)(\\d{2})${SEP}(\\d{2})${SEP}(\\d{2})${SEP}(\\d{4})(?!\\d)`;

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

/**
 * Text after normalisation, with the span of the original text each UTF-16 unit came from
 * (null: the same position, as for ASCII text, whose normalisation keeps every position).
 */
interface Normalised {
  text: string;
  from: number[] | null;
  to: number[] | null;
}

const DIGIT = /^\p{Nd}$/u;
/** Dash punctuation (‐ ‑ ‒ – — ﹣ － …) plus the minus signs and hyphen bullet, which are not Pd. */
const DASH = /^[\p{Pd}\u2212\u2043\u2796\uFE63\uFF0D\u02D7]$/u;
const SPACE = /^[\s\p{Zs}]$/u;
/** Zero-width and other format characters (ZWSP, ZWNJ, ZWJ, WJ, BOM, soft hyphen, bidi marks), combining marks. */
const INVISIBLE = /^[\p{Cf}\p{M}\u180E]$/u;
/** A run of digits and digit look-alikes that is not part of a word. */
const LOOKALIKE_RUN = /(?<![\p{L}\p{N}])[0-9OoIl]*[0-9][0-9OoIl]*(?![\p{L}\p{N}])/gu;
const LOOKALIKE: Record<string, string> = { O: '0', o: '0', I: '1', l: '1' };
/** Any character that could normalise to a digit; text without one cannot hold a CPR number. */
const ANY_NUMBER = /\p{N}/u;

/** The value 0–9 of a Unicode decimal digit: Nd digits come in runs of ten, 0 to 9. */
function digitValue(ch: string): string {
  let cp = ch.codePointAt(0)!;
  let offset = 0;
  while (cp > 0 && DIGIT.test(String.fromCodePoint(cp - 1))) {
    cp--;
    offset++;
  }
  return String(offset % 10);
}

function mapChar(c: string): string {
  if (c >= '0' && c <= '9') return c;
  if (DIGIT.test(c)) return digitValue(c);
  if (DASH.test(c)) return '-';
  // Before SPACE: JavaScript's \s counts the BOM (U+FEFF) as a space.
  if (INVISIBLE.test(c)) return '';
  if (SPACE.test(c)) return ' ';
  return c;
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const ASCII = /^[\x00-\x7F]*$/;

/** Mapped non-ASCII characters: text repeats the same few (æ, ø, å, –), so each is worked out once. */
const mappedCache = new Map<string, string>();

function mapNonAscii(ch: string): string {
  let mapped = mappedCache.get(ch);
  if (mapped === undefined) {
    mapped = '';
    for (const c of ch.normalize('NFKC')) mapped += mapChar(c);
    if (mappedCache.size < 4096) mappedCache.set(ch, mapped);
  }
  return mapped;
}

function normalise(input: string): Normalised {
  // Fast path for plain ASCII (most text): only whitespace changes, one character for one.
  if (ASCII.test(input)) {
    return { text: replaceLookalikes(input.replace(/\s/g, ' ')), from: null, to: null };
  }
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  for (const ch of input) {
    const start = i;
    i += ch.length;
    const mapped = ch.charCodeAt(0) < 0x80 ? (/\s/.test(ch) ? ' ' : ch) : mapNonAscii(ch);
    for (let k = 0; k < mapped.length; k++) {
      from.push(start);
      to.push(i);
    }
    text += mapped;
  }
  return { text: replaceLookalikes(text), from, to };
}

function replaceLookalikes(text: string): string {
  return text.replace(LOOKALIKE_RUN, (run) => run.replace(/[OoIl]/g, (l) => LOOKALIKE[l]!));
}

/**
 * The text as the CPR rule reads it (see the file comment). Exported so other checks (e.g.
 * the server's validation of document text) use the very same normalisation.
 */
export function normaliseForCpr(text: string): string {
  return ANY_NUMBER.test(text) ? normalise(text).text : text;
}

/** Spans [from, to) of the original text that hold a CPR number. */
function cprSpans(text: string): [number, number][] {
  if (!ANY_NUMBER.test(text)) return [];
  const n = normalise(text);
  const spans: [number, number][] = [];
  for (const m of n.text.matchAll(new RegExp(CPR_SOURCE, 'g'))) {
    if (!isCprDate(m[1]!, m[2]!, m[3]!)) continue;
    const last = m.index + m[0].length - 1;
    spans.push([n.from ? n.from[m.index]! : m.index, n.to ? n.to[last]! : last + 1]);
  }
  return spans;
}

export function containsCpr(text: string): boolean {
  return cprSpans(text).length > 0;
}

/** Replace CPR-like sequences (every variant `containsCpr` finds), e.g. in log lines or audit entries. */
export function maskCpr(text: string): string {
  const spans = cprSpans(text);
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const [from, to] of spans) {
    out += text.slice(at, from) + 'xxxxxx-xxxx';
    at = to;
  }
  return out + text.slice(at);
}

/** `maskCpr` on every string (and object key) inside a JSON value, e.g. an audit entry's detail. */
export function maskCprDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return maskCpr(value) as T;
  // Audit details are shallow; anything deeper is masked as a whole rather than walked.
  if (depth > 16) return (typeof value === 'object' && value !== null ? '[…]' : value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => maskCprDeep(v, depth + 1)) as T;
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[maskCpr(k)] = maskCprDeep(v, depth + 1);
    return out as T;
  }
  return value;
}
