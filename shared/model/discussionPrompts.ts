import { z } from 'zod';

/*
 * Short prompts the wall's focus view shows while a citizen is discussed (issue #11,
 * point 3): what to look at (the TOBS-style review, digest R11) and what has been tried
 * already before more help is asked for (the tragt/trappe, R12). A municipality may set its
 * own lists; these are the defaults.
 */

const PromptSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9-]+$/),
  da: z.string().trim().min(1).max(40),
  en: z.string().trim().min(1).max(40),
});
export type DiscussionPrompt = z.infer<typeof PromptSchema>;

export const DiscussionPromptsSchema = z.strictObject({
  /** Observation areas of the TOBS-style review (R11). */
  observationAreas: z.array(PromptSchema).max(16),
  /** Steps of the tragt/trappe: what has been tried before extra help (R12). */
  triedAlready: z.array(PromptSchema).max(12),
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
