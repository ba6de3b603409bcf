import { describe, expect, it } from 'vitest';
import { forlobTypeOnFace, usualForlobType } from '../../shared/rules/cardFace.js';

const REHAB = 'Rehabiliteringsforløb (§83a)';
const PLEJE = 'Personlig pleje og praktisk hjælp (§83)';
const cards = (...types: string[]) => types.map((forlobType) => ({ forlobType }));

describe('card face: the forløb type only when it is not the board usual', () => {
  it('the usual type is the most common non-empty one', () => {
    expect(usualForlobType(cards(REHAB, PLEJE, REHAB, '', ''))).toBe(REHAB);
    expect(usualForlobType(cards(PLEJE, PLEJE, REHAB))).toBe(PLEJE);
  });

  it('has no usual type on an empty board or one without types', () => {
    expect(usualForlobType([])).toBeNull();
    expect(usualForlobType(cards('', '  '))).toBeNull();
  });

  it('breaks a tie alphabetically, whatever the order the cards come in', () => {
    expect(usualForlobType(cards(REHAB, PLEJE))).toBe(PLEJE);
    expect(usualForlobType(cards(PLEJE, REHAB))).toBe(PLEJE);
  });

  it('a card shows its type only when it differs from the usual one', () => {
    const usual = usualForlobType(cards(REHAB, REHAB, PLEJE));
    expect(forlobTypeOnFace({ forlobType: REHAB }, usual)).toBeNull();
    expect(forlobTypeOnFace({ forlobType: PLEJE }, usual)).toBe(PLEJE);
    expect(forlobTypeOnFace({ forlobType: '' }, usual)).toBeNull();
    expect(forlobTypeOnFace({ forlobType: PLEJE }, null)).toBe(PLEJE);
  });
});
