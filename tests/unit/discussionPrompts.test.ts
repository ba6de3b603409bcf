import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DISCUSSION_PROMPTS,
  DiscussionPromptLinesSchema,
  DiscussionPromptsSchema,
  MAX_PROMPTS,
  promptLines,
  promptsFromLines,
} from '../../shared/model/discussionPrompts.js';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.error?.issues.map((i) => i.message) ?? [];

describe('DiscussionPromptsSchema (stored and served)', () => {
  it('accepts the defaults', () => {
    expect(DiscussionPromptsSchema.parse(DEFAULT_DISCUSSION_PROMPTS)).toEqual(DEFAULT_DISCUSSION_PROMPTS);
  });

  it('refuses an empty list, too many prompts, duplicate ids, long text and a CPR number', () => {
    const one = { id: 'a', da: 'Hud', en: 'Skin' };
    const ok = { observationAreas: [one], triedAlready: [one] };
    expect(DiscussionPromptsSchema.safeParse(ok).success).toBe(true);
    expect(DiscussionPromptsSchema.safeParse({ ...ok, observationAreas: [] }).success).toBe(false);
    const many = Array.from({ length: MAX_PROMPTS + 1 }, (_, i) => ({ ...one, id: `p-${i}` }));
    expect(DiscussionPromptsSchema.safeParse({ ...ok, triedAlready: many }).success).toBe(false);
    expect(DiscussionPromptsSchema.safeParse({ ...ok, triedAlready: [one, one] }).success).toBe(false);
    expect(DiscussionPromptsSchema.safeParse({ ...ok, triedAlready: [{ ...one, da: 'x'.repeat(41) }] }).success).toBe(
      false,
    );
    expect(DiscussionPromptsSchema.safeParse({ ...ok, triedAlready: [{ ...one, en: '   ' }] }).success).toBe(false);
    const cpr = DiscussionPromptsSchema.safeParse({ ...ok, observationAreas: [{ ...one, da: '010190-1234' }] });
    expect(messages(cpr).join(' ')).toContain('CPR-nummer');
  });
});

describe('DiscussionPromptLinesSchema (what the administrator types)', () => {
  it('trims each line', () => {
    expect(DiscussionPromptLinesSchema.parse({ observationAreas: [' Hud  '], triedAlready: ['Træning'] })).toEqual({
      observationAreas: ['Hud'],
      triedAlready: ['Træning'],
    });
  });

  it.each([
    [{ observationAreas: [], triedAlready: ['Træning'] }, 'Se på: angiv mindst ét punkt.'],
    [{ observationAreas: ['Hud'], triedAlready: ['  '] }, 'Prøvet før mere hjælp: et punkt må ikke være tomt.'],
    [{ observationAreas: ['y'.repeat(41)], triedAlready: ['Træning'] }, 'Se på: hvert punkt må højst være 40 tegn.'],
    [
      { observationAreas: Array.from({ length: 13 }, (_, i) => `Punkt ${i}`), triedAlready: ['Træning'] },
      'Se på: højst 12 punkter.',
    ],
    [{ observationAreas: ['Hud', 'hud'], triedAlready: ['Træning'] }, 'Se på: det samme punkt står der to gange.'],
    [{ observationAreas: ['Hud'], triedAlready: [3] }, 'Prøvet før mere hjælp: hvert punkt skal være tekst.'],
    [
      { observationAreas: ['Hud'], triedAlready: ['Ring 0101901234'] },
      'Feltet ligner et CPR-nummer. CPR-numre må ikke skrives på tavlen.',
    ],
  ])('refuses %j in Danish', (input, message) => {
    const r = DiscussionPromptLinesSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(messages(r)).toContain(message);
  });
});

describe('promptsFromLines / promptLines', () => {
  it('the defaults’ own words give back exactly the defaults (ids and English kept)', () => {
    expect(promptsFromLines(promptLines(DEFAULT_DISCUSSION_PROMPTS))).toEqual(DEFAULT_DISCUSSION_PROMPTS);
  });

  it('keeps the municipality’s own words as written, in order, as valid stored prompts', () => {
    const p = promptsFromLines({ observationAreas: ['Mobilitet', 'Smerter'], triedAlready: ['Pårørende'] });
    expect(p).toEqual({
      observationAreas: [
        { id: 'egen-1', da: 'Mobilitet', en: 'Mobilitet' },
        { id: 'smerter', da: 'Smerter', en: 'Pain' },
      ],
      triedAlready: [{ id: 'egen-1', da: 'Pårørende', en: 'Pårørende' }],
    });
    expect(DiscussionPromptsSchema.parse(p)).toEqual(p);
    expect(promptLines(p)).toEqual({ observationAreas: ['Mobilitet', 'Smerter'], triedAlready: ['Pårørende'] });
  });
});
