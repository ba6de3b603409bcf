import { describe, expect, it } from 'vitest';
import { containsCpr, maskCpr, maskCprDeep, normaliseForCpr } from '../../shared/index.js';

describe('[R36] containsCpr', () => {
  it.each([
    ['ddmmyy-xxxx', '010190-1234'],
    ['ddmmyyxxxx', '0101901234'],
    ['ddmmyy xxxx', '010190 1234'],
    ['last day of a 31-day month', '311299-1234'],
    ['29 February in a leap year', '290288-1234'],
    ['29 February 2000', '290200-4321'],
    ['embedded in text', 'Borger med cpr 241126-1234 bor alene'],
    ['after a colon, no space', 'CPR:2411261234.'],
    ['at the start of a line', '2411261234 Jensen'],
    ['on the second line', 'Jensen\n241126-1234'],
    ['next to letters', 'cpr2411261234x'],
  ])('finds a CPR number %s: %j', (_what, text) => {
    expect(containsCpr(text)).toBe(true);
  });

  it.each([
    ['a phone number in pairs', 'Ring 12 34 56 78'],
    ['a phone number with country code', '+45 12 34 56 78'],
    ['an 8-digit phone number', 'tlf 12345678'],
    ['an 8-digit number with a dash', '1234-5678'],
    ['day 32', '321299-1234'],
    ['day 32 and month 13', '321399-1234'],
    ['day 00', '000190-1234'],
    ['month 00', '010090-1234'],
    ['month 13', '011390-1234'],
    ['31 April', '310499-1234'],
    ['30 February', '300299-1234'],
    ['31 February', '310299-1234'],
    ['29 February in a non-leap year', '290299-1234'],
    ['11 digits', '01019012345'],
    ['part of a longer number', 'konto 1234 0101901234 5'.replace(/ /g, '')],
    ['a 6+3 digit number', '010190-123'],
    ['an ISO date', '2026-11-24'],
    ['a Danish date', '24.11.2026'],
    ['plain text', 'Ingen tal her, kun æøå'],
    ['empty', ''],
  ])('ignores %s: %j', (_what, text) => {
    expect(containsCpr(text)).toBe(false);
  });

  it('finds a real CPR after an invalid CPR-shaped number', () => {
    expect(containsCpr('321399-1234 og 010190-1234')).toBe(true);
  });

  it('gives the same answer when called repeatedly (no global regex state leaks)', () => {
    for (let i = 0; i < 3; i++) expect(containsCpr('010190-1234')).toBe(true);
    for (let i = 0; i < 3; i++) expect(containsCpr('12 34 56 78')).toBe(false);
  });
});

describe('[R36] maskCpr', () => {
  it('masks every CPR number in text and keeps everything else', () => {
    expect(maskCpr('A 010190-1234, B 0202021234 og C 030303 4321.')).toBe(
      'A xxxxxx-xxxx, B xxxxxx-xxxx og C xxxxxx-xxxx.',
    );
  });

  it('leaves phone numbers, 8-digit numbers and impossible dates alone', () => {
    const text = 'tlf 12 34 56 78 / 12345678 / 321399-1234 / 300299-1234';
    expect(maskCpr(text)).toBe(text);
  });

  it('masked text no longer contains a CPR', () => {
    const masked = maskCpr('Login fejlede for 010190-1234');
    expect(masked).toBe('Login fejlede for xxxxxx-xxxx');
    expect(containsCpr(masked)).toBe(false);
  });

  it('agrees with containsCpr', () => {
    for (const text of ['010190-1234', '12 34 56 78', '321399-1234', 'x 0101901234 y', '']) {
      expect(maskCpr(text) !== text).toBe(containsCpr(text));
    }
  });
});

/** The variants measured in issue #10: each must be found, masked, and masked to no CPR. */
const VARIANTS: [string, string][] = [
  ['a non-breaking hyphen', '010190\u20111234'],
  ['a hyphen', '010190\u20101234'],
  ['a figure dash', '010190\u20121234'],
  ['an en dash', '010190\u20131234'],
  ['an em dash', '010190\u20141234'],
  ['a minus sign', '010190\u22121234'],
  ['a small hyphen-minus', '010190\uFE631234'],
  ['a fullwidth hyphen-minus', '010190\uFF0D1234'],
  ['spaces around the dash', '010190 - 1234'],
  ['two spaces', '010190  1234'],
  ['a non-breaking space', '010190\u00A01234'],
  ['a narrow non-breaking space', '010190\u202F1234'],
  ['an ideographic space', '010190\u30001234'],
  ['a line break', '010190\n1234'],
  ['dots in the date', '01.01.90-1234'],
  ['dots and a space', '01.01.90 1234'],
  ['spaces in the date', '01 01 90 1234'],
  ['dashes in the date', '01-01-90-1234'],
  ['a slash', '010190/1234'],
  ['a dot before the serial', '010190.1234'],
  ['an underscore (usernames)', '010190_1234'],
  ['a zero-width space', '0101\u200B90-1234'],
  ['a zero-width non-joiner', '010190\u200C1234'],
  ['a zero-width joiner', '01019\u200D01234'],
  ['a word joiner', '010190\u20601234'],
  ['a byte-order mark', '010190-12\uFEFF34'],
  ['a soft hyphen', '010190\u00AD1234'],
  ['a combining mark on a digit', '0\u03011019012\u030134'],
  ['fullwidth digits', '０１０１９０－１２３４'],
  ['Arabic-Indic digits', '\u0660\u0661\u0660\u0661\u0669\u0660-\u0661\u0662\u0663\u0664'],
  ['Devanagari digits', '\u0966\u0967\u0966\u0967\u096F\u0966\u0967\u0968\u0969\u096A'],
  ['mathematical digits', '𝟎𝟏𝟎𝟏𝟗𝟎-𝟏𝟐𝟑𝟒'],
  ['a letter O for 0', 'O1O19O-1234'],
  ['a lower-case o for 0', '01o190-1234'],
  ['a letter l for 1', '0l0190-l234'],
  ['a capital I for 1', '010190-I234'],
  ['mixed tricks', 'O1.01.９０ \u2013 12\u200B34'],
];

describe('[R36] containsCpr on disguised CPR numbers (issue #10)', () => {
  it.each(VARIANTS)('finds a CPR number with %s', (_what, text) => {
    expect(containsCpr(text)).toBe(true);
    expect(containsCpr(`Borger ${text} bor alene`)).toBe(true);
  });

  it.each(VARIANTS)('masks a CPR number with %s, and only it', (_what, text) => {
    const masked = maskCpr(`Borger ${text} bor alene`);
    expect(masked).toBe('Borger xxxxxx-xxxx bor alene');
    expect(containsCpr(masked)).toBe(false);
  });

  it.each([
    ['a Danish phone number in pairs', 'Ring 12 34 56 78'],
    ['a phone number with country code and NBSP', '+45\u00A020\u00A010\u00A090\u00A012'],
    ['a phone number in fours', 'tlf 2010 9012'],
    ['two phone numbers', '12 34 56 78 / 87 65 43 21'],
    ['a Danish date with the full year', 'møde 01.01.2026'],
    ['a Danish date and a time', '01.01.2026 kl. 14.30'],
    ['a date range', 'Uge 2: 01.02-14.02'],
    ['an ISO timestamp', '2026-12-06T22:58:45.123Z'],
    ['an amount', '1.234.567,50 kr'],
    ['an amount with spaces', '1 234 567 kr'],
    ['a time', 'kl. 07:30-15:30'],
    ['hours per week', '3,5 timer om ugen, 12 uger'],
    ['words with O and l', 'Oline Olsen, Ib Lillelund'],
    ['an impossible date with a letter O', '32O190-1234'],
    ['a letter O inside a word next to digits', 'Bo010190x'],
  ])('ignores %s: %j', (_what, text) => {
    expect(containsCpr(text)).toBe(false);
    expect(maskCpr(text)).toBe(text);
  });

  it('normalises digits, dashes, spaces and invisible characters, and leaves letters in words', () => {
    expect(normaliseForCpr('０１\u2013O1\u00A0\u200B9O Oline')).toBe('01-01 90 Oline');
    expect(normaliseForCpr('ingen tal')).toBe('ingen tal');
  });

  it('masks every string and key inside a JSON value', () => {
    const detail = { username: '010190\u20131234', nested: [{ '01.01.90-1234': 'x 0101901234' }], n: 5 };
    expect(maskCprDeep(detail)).toEqual({
      username: 'xxxxxx-xxxx',
      nested: [{ 'xxxxxx-xxxx': 'x xxxxxx-xxxx' }],
      n: 5,
    });
  });
});
