import { describe, expect, it } from 'vitest';
import { containsCpr, maskCpr } from '../../shared/index.js';

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
    ['two spaces', '010190  1234'],
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
