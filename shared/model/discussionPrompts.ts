import { z } from 'zod';
import { freeText } from './card.js';

/*
 * Short prompts the wall's focus view shows while a citizen is discussed (issue #11,
 * point 3): what to look at (the TOBS-style review, digest R11) and what has been tried
 * already before more help is asked for (the tragt/trappe, R12). A municipality may set its
 * own lists (admin settings, stored on the municipality); these are the defaults.
 */

/** Per list: enough to choose from, few enough to read across the room. */
export const MAX_PROMPTS = 12;
/** Characters per prompt: one chip on the wall. */
export const MAX_PROMPT_LENGTH = 40;

const PromptSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9-]+$/),
  da: freeText(MAX_PROMPT_LENGTH).pipe(z.string().min(1)),
  en: freeText(MAX_PROMPT_LENGTH).pipe(z.string().min(1)),
});
export type DiscussionPrompt = z.infer<typeof PromptSchema>;

const promptList = z
  .array(PromptSchema)
  .min(1)
  .max(MAX_PROMPTS)
  .refine((ps) => new Set(ps.map((p) => p.id)).size === ps.length, 'Two prompts share an id.');

/** What the focus view shows and what is stored on the municipality (JSON; NULL = the defaults). */
export const DiscussionPromptsSchema = z.strictObject({
  /** Observation areas of the TOBS-style review (R11). */
  observationAreas: promptList,
  /** Steps of the tragt/trappe: what has been tried before extra help (R12). */
  triedAlready: promptList,
});
export type DiscussionPrompts = z.infer<typeof DiscussionPromptsSchema>;

/**
 * Defaults. The seeds say citizens are discussed at the tavlemøde "ud fra TOBS-hjulet med
 * henblik på evt. justering af indsatsen eller involvering af andre nøglepersoner"
 * (S2:4811-4813; "triagering, TOBS" S2:3150) but do not list the wheel's areas; the areas
 * below are the usual ones of early detection (tidlig opsporing) in Danish home care
 * [inferred], each short enough for the wall. The tragt/trappe steps are the seeds' own:
 * "velfærdsteknologi, hjælpemidler, klinik m.m." (S2:4680-4682), training individually or
 * in groups and civil society (S2:5052-5057); the funnel discusses what was tried before
 * what help to grant (S2:4499-4502).
 */
export const DEFAULT_DISCUSSION_PROMPTS: DiscussionPrompts = Object.freeze({
  observationAreas: [
    { id: 'funktion', da: 'Funktionsevne', en: 'Function' },
    { id: 'mad-drikke', da: 'Mad og drikke', en: 'Food and drink' },
    { id: 'udskillelse', da: 'Vandladning og afføring', en: 'Urine and bowels' },
    { id: 'hud', da: 'Hud', en: 'Skin' },
    { id: 'smerter', da: 'Smerter', en: 'Pain' },
    { id: 'soevn', da: 'Søvn og træthed', en: 'Sleep and fatigue' },
    { id: 'psyke', da: 'Psyke og trivsel', en: 'Mood and well-being' },
    { id: 'vejrtraekning', da: 'Vejrtrækning', en: 'Breathing' },
  ],
  triedAlready: [
    { id: 'hjaelpemidler', da: 'Hjælpemidler', en: 'Assistive devices' },
    { id: 'velfaerdsteknologi', da: 'Velfærdsteknologi', en: 'Welfare technology' },
    { id: 'traening', da: 'Træning', en: 'Training' },
    { id: 'klinik', da: 'Klinik', en: 'Clinic' },
    { id: 'civilsamfund', da: 'Civilsamfund', en: 'Civil society' },
  ],
});

// --- What an administrator types: one prompt per line, in Danish ---------------------------

const line = (what: string) =>
  z
    .string(`${what}: hvert punkt skal være tekst.`)
    .trim()
    .min(1, `${what}: et punkt må ikke være tomt.`)
    .max(MAX_PROMPT_LENGTH, `${what}: hvert punkt må højst være ${MAX_PROMPT_LENGTH} tegn.`)
    // The shared free-text rule: trimmed, and never a CPR number (Danish message).
    .pipe(freeText(MAX_PROMPT_LENGTH));

const lines = (what: string) =>
  z
    .array(line(what), `${what}: angiv punkterne som en liste.`)
    .min(1, `${what}: angiv mindst ét punkt.`)
    .max(MAX_PROMPTS, `${what}: højst ${MAX_PROMPTS} punkter.`)
    .refine(
      (ls) => new Set(ls.map((l) => l.toLocaleLowerCase('da'))).size === ls.length,
      `${what}: det samme punkt står der to gange.`,
    );

/** The admin settings' form of the prompts: the Danish text of each, in order. */
export const DiscussionPromptLinesSchema = z.object(
  {
    observationAreas: lines('Se på'),
    triedAlready: lines('Prøvet før mere hjælp'),
  },
  'Angiv samtalestøtten som to lister.',
);
export type DiscussionPromptLines = z.infer<typeof DiscussionPromptLinesSchema>;

/** The Danish lines of a set of prompts (what the admin form edits). */
export function promptLines(p: DiscussionPrompts): DiscussionPromptLines {
  return { observationAreas: p.observationAreas.map((x) => x.da), triedAlready: p.triedAlready.map((x) => x.da) };
}

/**
 * Prompts from an administrator's lines. A line that is one of the defaults (the same words)
 * keeps the default's id and English text; the municipality's own words are shown
 * as written in both languages, since nobody translated them.
 */
export function promptsFromLines(l: DiscussionPromptLines): DiscussionPrompts {
  const list = (texts: readonly string[], defaults: readonly DiscussionPrompt[]): DiscussionPrompt[] =>
    texts.map((text, i) => {
      const known = defaults.find((d) => d.da === text);
      return known ? { ...known } : { id: `egen-${i + 1}`, da: text, en: text };
    });
  return {
    observationAreas: list(l.observationAreas, DEFAULT_DISCUSSION_PROMPTS.observationAreas),
    triedAlready: list(l.triedAlready, DEFAULT_DISCUSSION_PROMPTS.triedAlready),
  };
}
