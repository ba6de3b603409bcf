import { z } from 'zod';
import { freeText } from './card.js';
import { IdSchema } from './ids.js';
import { FollowUpCompletionSchema } from '../rules/cadence.js';

/*
 * Bytteydelser (SEL §94a, fleksibel hjemmehjælp; digest §4 and R23): the citizen swaps help
 * they usually get for something else of the same time on the day, e.g. "støvsugning ud med
 * en gåtur" (S3:251-307). Favrskov registers each swap so the team can see them at the
 * tavlemøde (S2:3411-3413, 3594-3596). Rules in rules/swaps.ts; this file holds the shapes:
 * a swap as stored on the card (nested `swaps` collection, append-only) and the
 * municipality's settings. Kept free of lifecycle.ts, which builds on it.
 */

/** What was given up: a help type id of the municipality's list, or the person's own words. */
export const SwapGivenUpSchema = freeText(60).pipe(z.string().min(1, 'Vælg hvilken hjælp der blev byttet væk'));
/** What was done instead: a chip's words ("gåtur") or the person's own. */
export const SwapInsteadSchema = freeText(120).pipe(z.string().min(1, 'Skriv hvad borgeren fik i stedet'));

/** One swap as stored in a card's `swaps` map (keyed by its id). Never changed once written. */
export const SwapSchema = z.object({
  id: IdSchema,
  /** When it happened (the instant it was logged unless told otherwise). */
  at: z.iso.datetime({ offset: true }),
  /** The person who logged it: always the sender (the write gate's impersonation check). */
  by: FollowUpCompletionSchema.shape.by,
  byName: freeText(80),
  givenUp: SwapGivenUpSchema,
  instead: SwapInsteadSchema,
  note: freeText(500).optional(),
});
export type Swap = z.infer<typeof SwapSchema>;

/** Input of BoardDoc.addSwap: who and what; id and time default to new and now. */
export const NewSwapSchema = SwapSchema.extend({
  id: IdSchema.optional(),
  at: SwapSchema.shape.at.optional(),
  byName: SwapSchema.shape.byName.default(''),
});
export type NewSwap = z.input<typeof NewSwapSchema>;

/** "Egnet til bytte" on the card: null = not judged (swaps allowed), false = not suitable. */
export const SwapSuitableSchema = z.boolean().nullable();
/** Why (e.g. "demens"): short, shown next to the flag. */
export const SwapReasonSchema = freeText(200);

// --- The municipality's settings ----------------------------------------------------------

/** Help types per list, and chips: enough to choose from, few enough for a phone. */
export const MAX_SWAP_LIST = 16;

const HelpTypeSchema = z.strictObject({
  id: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[a-z0-9-]+$/),
  label: freeText(40).pipe(z.string().min(1)),
  /** false: "kan ikke byttes" (food, medicine, SUL tasks; S2:3637-3644, 4209-4213). */
  swappable: z.boolean(),
});
export type HelpType = z.infer<typeof HelpTypeSchema>;

export const SwapSettingsSchema = z.strictObject({
  /** Registration on; off (e.g. under the ældrelov, S2:1716-1736, 4589-4593): nothing asks for it. */
  enabled: z.boolean(),
  /** "Byt til" chips, e.g. Favrskov's fridge sheet (S2:3637-3644). */
  instead: z.array(freeText(40).pipe(z.string().min(1))).max(MAX_SWAP_LIST),
  helpTypes: z
    .array(HelpTypeSchema)
    .min(1)
    .max(MAX_SWAP_LIST)
    .refine((hs) => new Set(hs.map((h) => h.id)).size === hs.length, 'To hjælpetyper har samme id.'),
});
export type SwapSettings = z.infer<typeof SwapSettingsSchema>;

/** Favrskov's lists (S2:3637-3644): what most municipalities start from. */
export const DEFAULT_SWAP_SETTINGS: SwapSettings = Object.freeze({
  enabled: true,
  instead: ['Kaffe og snak', 'Kort', 'Avis/bog', 'Billeder', 'Gåtur', 'Kalenderoverblik'],
  helpTypes: [
    { id: 'rengoering', label: 'Rengøring', swappable: true },
    { id: 'bad', label: 'Bad', swappable: true },
    { id: 'toejvask', label: 'Tøjvask', swappable: true },
    { id: 'indkoeb', label: 'Indkøb', swappable: true },
    { id: 'mad', label: 'Mad', swappable: false },
    { id: 'medicin', label: 'Medicin', swappable: false },
    { id: 'sygepleje', label: 'Sygeplejeopgaver (SUL)', swappable: false },
  ],
}) as SwapSettings;

// --- What an administrator types: one entry per line ----------------------------------------

const line = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what}: et punkt må ikke være tomt.`)
    .max(40, `${what}: hvert punkt må højst være 40 tegn.`)
    .pipe(freeText(40));

const lines = (what: string, min: number) =>
  z
    .array(line(what), `${what}: angiv punkterne som en liste.`)
    .min(min, `${what}: angiv mindst ét punkt.`)
    .max(MAX_SWAP_LIST, `${what}: højst ${MAX_SWAP_LIST} punkter.`)
    .refine(
      (ls) => new Set(ls.map((l) => l.toLocaleLowerCase('da'))).size === ls.length,
      `${what}: det samme punkt står der to gange.`,
    );

/** The admin form's view of the settings: lists of words, in order. */
export const SwapSettingsLinesSchema = z
  .object(
    {
      enabled: z.boolean('Angiv om bytteydelser registreres.'),
      instead: lines('Byt til', 0),
      swappable: lines('Hjælp der kan byttes', 0),
      notSwappable: lines('Kan ikke byttes', 0),
    },
    'Angiv bytteydelser som lister.',
  )
  .refine((l) => l.swappable.length + l.notSwappable.length > 0, 'Angiv mindst én hjælpetype.')
  .refine(
    (l) => l.swappable.length + l.notSwappable.length <= MAX_SWAP_LIST,
    `Højst ${MAX_SWAP_LIST} hjælpetyper i alt.`,
  )
  .refine((l) => {
    const a = new Set(l.swappable.map((x) => x.toLocaleLowerCase('da')));
    return !l.notSwappable.some((x) => a.has(x.toLocaleLowerCase('da')));
  }, 'En hjælpetype kan ikke både kunne og ikke kunne byttes.');
export type SwapSettingsLines = z.infer<typeof SwapSettingsLinesSchema>;

export function swapSettingsLines(s: SwapSettings): SwapSettingsLines {
  return {
    enabled: s.enabled,
    instead: [...s.instead],
    swappable: s.helpTypes.filter((h) => h.swappable).map((h) => h.label),
    notSwappable: s.helpTypes.filter((h) => !h.swappable).map((h) => h.label),
  };
}

/** Settings from the admin's lines; a default help type's words keep its id (stored swaps name it). */
export function swapSettingsFromLines(l: SwapSettingsLines): SwapSettings {
  const taken = new Set<string>();
  const helpType = (label: string, swappable: boolean, i: number): HelpType => {
    const known = DEFAULT_SWAP_SETTINGS.helpTypes.find(
      (d) => d.label.toLocaleLowerCase('da') === label.toLocaleLowerCase('da'),
    );
    let id = known?.id ?? `egen-${i + 1}`;
    while (taken.has(id)) id = `${id}-x`;
    taken.add(id);
    return { id, label, swappable };
  };
  const all = [...l.swappable.map((x) => [x, true] as const), ...l.notSwappable.map((x) => [x, false] as const)];
  return { enabled: l.enabled, instead: [...l.instead], helpTypes: all.map(([x, s], i) => helpType(x, s, i)) };
}
