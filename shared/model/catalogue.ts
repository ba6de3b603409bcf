import { z } from 'zod';
import { IdSchema } from './ids.js';
import { CadenceTemplateIdSchema } from '../rules/cadenceTemplates.js';
import type { LifecyclePatch } from './lifecycle.js';

/*
 * The forløb catalogue (digest §4, R4): the forløb types a municipality grants, each with
 * its legal basis and the cadence template it follows by default. A card stores the id
 * (`forlobTypeId`) and, for display, the name (`forlobType`) and legal basis.
 *
 * Catalogues are data: DEFAULT_FORLOB_CATALOGUE holds the national paragraphs and the
 * ældrelov forløb the seeds describe; a municipality's own list is validated with
 * `ForlobCatalogueSchema.parse`.
 */

/** '' = national (any municipality); else the municipality's ASCII name, e.g. 'favrskov'. */
export const MunicipalitySchema = z
  .string()
  .max(40)
  .regex(/^[a-z0-9-]*$/);

export const ForlobTypeSchema = z.object({
  id: IdSchema,
  municipality: MunicipalitySchema,
  /** Danish name as the users say it; copied to the card's `forlobType` (≤ 60). */
  name: z.string().trim().min(1).max(60),
  /** "SEL §83a", "SUL §138", "Ældreloven §10". */
  legalBasis: z.string().trim().max(40),
  /** Default cadence template for cards of this type; null = the board default. */
  cadenceTemplateId: CadenceTemplateIdSchema.nullable(),
  description: z.string().trim().max(500).default(''),
  /** Seed citation or the municipality's own decision. */
  source: z.string().trim().max(200).default(''),
  /** Time-limited forløb: ends after this many weeks (Solrød 0-forløb). */
  timeLimitWeeks: z.number().int().min(1).max(104).optional(),
  /** Visiteret tid range of the forløb, hours per week. */
  weeklyHours: z
    .object({ min: z.number().min(0).max(168), max: z.number().min(0).max(168) })
    .refine((r) => r.min <= r.max, 'min skal være højst max')
    .optional(),
});
export type ForlobType = z.infer<typeof ForlobTypeSchema>;
export type ForlobTypeInput = z.input<typeof ForlobTypeSchema>;

export const ForlobCatalogueSchema = z.array(ForlobTypeSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((t, i) => {
    if (seen.has(t.id))
      ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `forløbstypen ${t.id} findes allerede` });
    seen.add(t.id);
  });
});

/** Legal bases the UI offers as tags (R4, R34). */
export const LEGAL_BASES = [
  'SEL §83',
  'SEL §83a',
  'SEL §86',
  'SEL §112-113',
  'SUL §138',
  'SUL §140',
  'Ældreloven §10',
] as const;

const ALL_SERVICES = 'personlig pleje, praktisk hjælp, overdraget sygepleje og genoptræning/rehabilitering';

const favrskov = (level: 1 | 2 | 3 | 4, variant: 'a' | 'b'): ForlobTypeInput => ({
  id: `favrskov-${level}${variant}`,
  municipality: 'favrskov',
  name: level === 1 && variant === 'a' ? 'Forløb 1a – ren rengøring' : `Forløb ${level}${variant}`,
  legalBasis: 'Ældreloven §10',
  cadenceTemplateId: null,
  description:
    level === 1 && variant === 'a'
      ? 'Kun rengøring.'
      : `Alle ydelser (${ALL_SERVICES}). Niveau ${level} efter funktionsevnevurdering, ${variant} efter skrøbelighedsscore.`,
  source: 'S2:3695-3708',
});

/**
 * Built-in catalogue. Default templates for the national paragraphs are Tavlen's choice
 * (the law sets no interval, S3:192-200): §83a follows Hørsholm's rehab cadence, lasting
 * help (§83, §86, SUL §138) the quarterly reassessment; where nothing fits, null (the
 * board's default).
 */
export const DEFAULT_FORLOB_CATALOGUE: readonly ForlobType[] = Object.freeze(
  ForlobCatalogueSchema.parse([
    {
      id: 'sel-83',
      municipality: '',
      name: 'Personlig pleje og praktisk hjælp (§83)',
      legalBasis: 'SEL §83',
      cadenceTemplateId: 'kvartalsvis',
      description: 'Personlig pleje, praktisk hjælp og madservice; tilpasses løbende behovet. Frit valg.',
      source: 'S0:59-67, S3:158-190',
    },
    {
      id: 'sel-83a',
      municipality: '',
      name: 'Rehabiliteringsforløb (§83a)',
      legalBasis: 'SEL §83a',
      cadenceTemplateId: 'horsholm-83a',
      description: 'Korterevarende, tidsafgrænset rehabiliteringsforløb.',
      source: 'S0:59-62, S3:202-210, S2:2518-2520',
    },
    {
      id: 'sel-86',
      municipality: '',
      name: 'Vedligeholdende træning (§86)',
      legalBasis: 'SEL §86',
      cadenceTemplateId: 'kvartalsvis',
      description: 'Træning for at vedligeholde fysiske eller psykiske færdigheder.',
      source: 'digest §4',
    },
    {
      id: 'sul-138',
      municipality: '',
      name: 'Hjemmesygepleje (SUL §138)',
      legalBasis: 'SUL §138',
      cadenceTemplateId: 'kvartalsvis',
      description:
        'Sygepleje i hjemmet, delegeret eller ej. Kort sygepleje (1–3 uger): vælg skabelonen Kort sygepleje.',
      source: 'S0:253-266, S1:406',
    },
    {
      id: 'sul-140',
      municipality: '',
      name: 'Genoptræning efter udskrivning (SUL §140)',
      legalBasis: 'SUL §140',
      cadenceTemplateId: null,
      description: 'Genoptræning efter sygehusophold med genoptræningsplan.',
      source: 'S0:253-266, S2:3157-3160',
    },
    {
      id: 'favrskov-afklaring',
      municipality: 'favrskov',
      name: 'Indledende afklaringsforløb',
      legalBasis: 'Ældreloven §10',
      cadenceTemplateId: null,
      description:
        'Leveres af visitationen i samarbejde med rehabiliteringsteamet, før borgeren placeres i forløb 1a–4b.',
      source: 'S2:3695-3698',
    },
    favrskov(1, 'a'),
    favrskov(1, 'b'),
    favrskov(2, 'a'),
    favrskov(2, 'b'),
    favrskov(3, 'a'),
    favrskov(3, 'b'),
    favrskov(4, 'a'),
    favrskov(4, 'b'),
    {
      id: 'favrskov-plejecenter',
      municipality: 'favrskov',
      name: 'Forløb på plejecenter',
      legalBasis: 'Ældreloven §10',
      cadenceTemplateId: null,
      description: 'Pleje- og omsorgsforløb for borgere på plejecenter.',
      source: 'S2:3700-3702',
    },
    {
      id: 'solrod-0a',
      municipality: 'solrod',
      name: '0-forløb a (0–6 timer/uge)',
      legalBasis: 'Ældreloven §10',
      cadenceTemplateId: 'solrod-0-forlob',
      description: 'Tidsbegrænset til 12 uger. Primært funktionsevne 1–2, 0–6 timer ugentligt.',
      source: 'S2:3273-3281',
      timeLimitWeeks: 12,
      weeklyHours: { min: 0, max: 6 },
    },
    {
      id: 'solrod-0b',
      municipality: 'solrod',
      name: '0-forløb b (7–20 timer/uge)',
      legalBasis: 'Ældreloven §10',
      cadenceTemplateId: 'solrod-0-forlob',
      description: 'Tidsbegrænset til 12 uger. Primært funktionsevne 3–4, 7–20 timer ugentligt.',
      source: 'S2:3273-3281',
      timeLimitWeeks: 12,
      weeklyHours: { min: 7, max: 20 },
    },
  ]).map((t) => Object.freeze(t)),
);

/** The types a board of `municipality` offers: national ones plus its own, in catalogue order. */
export function forlobTypesFor(
  municipality: string,
  catalogue: readonly ForlobType[] = DEFAULT_FORLOB_CATALOGUE,
): ForlobType[] {
  return catalogue.filter((t) => t.municipality === '' || t.municipality === municipality);
}

export function findForlobType(
  id: string | null | undefined,
  catalogue: readonly ForlobType[] = DEFAULT_FORLOB_CATALOGUE,
): ForlobType | undefined {
  return id ? catalogue.find((t) => t.id === id) : undefined;
}

/**
 * The `setLifecycle` patch for choosing a type from the catalogue: id, display name and
 * legal basis together, and (unless `withTemplate: false`) the type's cadence template.
 */
export function catalogueSelection(type: ForlobType, opts: { withTemplate?: boolean } = {}): LifecyclePatch {
  const patch: LifecyclePatch = { forlobTypeId: type.id, forlobType: type.name, legalBasis: type.legalBasis };
  if (opts.withTemplate !== false) patch.cadenceTemplateId = type.cadenceTemplateId;
  return patch;
}
