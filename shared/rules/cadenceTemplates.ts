import { z } from 'zod';

/**
 * Follow-up cadence templates (digest R2). A template is stored data: the built-in ones
 * below, and a municipality's own, validated with `CadenceTemplateSchema.parse`.
 * The date semantics of each rule kind are implemented in `cadence.ts` and described in
 * docs/domain.md; in short (day 1 = the start date, "uge N" = days 7(N−1)+1 … 7N):
 *
 * - `week`:        due on the first day of forløb week N, window = that whole week.
 * - `days`:        "efter N dage": due on start + N days (day N+1), window = `windowDays` days.
 * - `months`:      "efter N måneder": due on start + N months (date-fns addMonths, clamped to
 *                  the month's last day), window = `windowDays` days.
 * - `everyMonths`: occurrence k due on start + k·N months (always counted from the start,
 *                  never chained, so 31 Jan does not drift to the 28th), window as `months`.
 */

/** Default window length for day- and month-based follow-ups: one week, so every window
 * contains exactly one of the team's weekly meetings (S2:1583-1585, S2:3794-3797). */
export const DEFAULT_WINDOW_DAYS = 7;

const windowDays = z
  .number()
  .int('vinduet skal være et helt antal dage')
  .min(1, 'vinduet skal være mindst 1 dag')
  .max(92, 'vinduet må højst være 92 dage');

export const WeekRuleSchema = z.object({
  kind: z.literal('week'),
  week: z.number().int('uge skal være et helt tal').min(1, 'uge skal være 1–104').max(104, 'uge skal være 1–104'),
  /** Shown as "(hvis ikke afsluttet)": held only if the forløb is still open (S2:2518-2520). */
  optionalIfClosed: z.boolean().optional(),
});

export const DaysRuleSchema = z.object({
  kind: z.literal('days'),
  days: z.number().int('dage skal være et helt tal').min(1, 'dage skal være 1–730').max(730, 'dage skal være 1–730'),
  windowDays: windowDays.optional(),
});

const months = z
  .number()
  .int('måneder skal være et helt tal')
  .min(1, 'måneder skal være 1–24')
  .max(24, 'måneder skal være 1–24');

export const MonthsRuleSchema = z.object({
  kind: z.literal('months'),
  months,
  windowDays: windowDays.optional(),
});

export const EveryMonthsRuleSchema = z.object({
  kind: z.literal('everyMonths'),
  months,
  windowDays: windowDays.optional(),
});

export const FollowUpRuleSchema = z.discriminatedUnion('kind', [
  WeekRuleSchema,
  DaysRuleSchema,
  MonthsRuleSchema,
  EveryMonthsRuleSchema,
]);
export type FollowUpRule = z.infer<typeof FollowUpRuleSchema>;
export type WeekRule = z.infer<typeof WeekRuleSchema>;
export type DaysRule = z.infer<typeof DaysRuleSchema>;
export type MonthsRule = z.infer<typeof MonthsRuleSchema>;
export type EveryMonthsRule = z.infer<typeof EveryMonthsRuleSchema>;

/**
 * The stable key of a rule, used in follow-up ids and in the stored `completed` map:
 * `week-5`, `days-14`, `months-3`, `every3m` (occurrences `every3m-1`, `every3m-2`, …).
 */
export function ruleKey(rule: FollowUpRule): string {
  switch (rule.kind) {
    case 'week':
      return `week-${rule.week}`;
    case 'days':
      return `days-${rule.days}`;
    case 'months':
      return `months-${rule.months}`;
    case 'everyMonths':
      return `every${rule.months}m`;
  }
}

/** Template ids are lowercase kebab-case so they read well in URLs and stored cards. */
export const CadenceTemplateIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id må kun indeholde små bogstaver, tal og bindestreger (fx "solrod-0-forlob")');

export const CadenceTemplateSchema = z
  .object({
    id: CadenceTemplateIdSchema,
    /** Danish name as the users say it, e.g. "Hørsholm rehabilitering (§83a)". */
    name: z.string().trim().min(1, 'navn skal udfyldes').max(80),
    /** Legal basis, e.g. "SEL §83a"; empty when the municipality has none to cite. */
    legalBasis: z.string().trim().max(80).default(''),
    /** Where the cadence comes from: a seed citation or the municipality's own decision. */
    source: z.string().trim().max(200).default(''),
    /** Short Danish explanation shown when choosing the template. */
    description: z.string().trim().max(500).default(''),
    /** "Individuel": no fixed cadence; the team sets follow-ups by hand (S1:401-404). */
    individual: z.boolean().default(false),
    /** Time-limited forløb (Solrød 0-forløb, S2:3275-3277): ends on the last day of this week. */
    timeLimitWeeks: z.number().int().min(1).max(104).optional(),
    rules: z.array(FollowUpRuleSchema).max(52, 'højst 52 opfølgninger'),
  })
  .superRefine((t, ctx) => {
    if (t.individual && t.rules.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules'],
        message: 'en individuel skabelon har ingen faste opfølgninger',
      });
    }
    if (!t.individual && t.rules.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['rules'],
        message: 'skabelonen skal have mindst én opfølgning (eller være individuel)',
      });
    }
    const seen = new Set<string>();
    t.rules.forEach((rule, i) => {
      const key = ruleKey(rule);
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['rules', i], message: `opfølgningen ${key} findes allerede` });
      }
      seen.add(key);
      if (rule.kind === 'week' && t.timeLimitWeeks !== undefined && rule.week > t.timeLimitWeeks) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'week'],
          message: `uge ${rule.week} ligger efter forløbets tidsgrænse på ${t.timeLimitWeeks} uger`,
        });
      }
    });
  });

/** A template as stored (defaults applied). */
export type CadenceTemplate = z.infer<typeof CadenceTemplateSchema>;
/** A template as a municipality writes it (defaults may be omitted). */
export type CadenceTemplateInput = z.input<typeof CadenceTemplateSchema>;

const builtIn = (t: CadenceTemplateInput): CadenceTemplate => CadenceTemplateSchema.parse(t);

/** Built-in templates with stable ids. Citations: S0/S1/S2 = seeds (see docs/domain.md). */
export const CADENCE_TEMPLATES: readonly CadenceTemplate[] = Object.freeze([
  builtIn({
    id: 'horsholm-83a',
    name: 'Hørsholm rehabilitering',
    legalBasis: 'SEL §83a',
    source: 'S2:1589-1590, S2:2518-2520',
    description: 'Opfølgning i uge 2, 5, 8 og 12 af forløbet; uge 12 kun hvis borgeren ikke er afsluttet tidligere.',
    rules: [
      { kind: 'week', week: 2 },
      { kind: 'week', week: 5 },
      { kind: 'week', week: 8 },
      { kind: 'week', week: 12, optionalIfClosed: true },
    ],
  }),
  builtIn({
    id: 'sonderborg-firklover',
    name: 'Sønderborg firkløver',
    legalBasis: 'SEL §83',
    source: 'S2:3791-3792',
    description:
      'Opfølgning/revurdering i firkløveret (borger, netværk, visitator og udfører) efter 14 dage og igen efter 3 måneder.',
    rules: [
      { kind: 'days', days: 14 },
      { kind: 'months', months: 3 },
    ],
  }),
  builtIn({
    id: 'kvartalsvis',
    name: 'Kvartalsvis revurdering',
    legalBasis: '',
    source: 'S0:522-525, S0:527-534',
    description: 'Revurdering hver tredje måned (Buurtzorg/Nederlandene, Fredericia 2012).',
    rules: [{ kind: 'everyMonths', months: 3 }],
  }),
  builtIn({
    id: 'syddjurs-udviklende',
    name: 'Syddjurs – Udviklende',
    legalBasis: 'SEL §83/§83a',
    source: 'S1:371-386',
    description:
      'Forventning om afslutning eller væsentlig reduktion af hjælpen inden for 12 uger. Opfølgning efter 3 måneder.',
    rules: [{ kind: 'months', months: 3 }],
  }),
  builtIn({
    id: 'syddjurs-fastholdende',
    name: 'Syddjurs – Fastholdende',
    legalBasis: 'SEL §83/§83a',
    source: 'S1:388-399',
    description: 'Ingen forventning om væsentlig ændring af hjælpen de kommende 26 uger. Opfølgning hver 12. måned.',
    rules: [{ kind: 'everyMonths', months: 12 }],
  }),
  builtIn({
    id: 'syddjurs-kort-sygepleje',
    name: 'Syddjurs – Kort sygepleje',
    legalBasis: 'SUL §138',
    source: 'S1:406',
    description: 'Sygeplejeydelser i højst 1–3 uger. Opfølgning efter 1 uge, senest ved udgangen af uge 3.',
    timeLimitWeeks: 3,
    rules: [{ kind: 'days', days: 7, windowDays: 14 }],
  }),
  builtIn({
    id: 'syddjurs-individuel',
    name: 'Syddjurs – Individuel',
    legalBasis: 'SEL §83/§83a',
    source: 'S1:401-404',
    description: 'Over 25 timer om ugen eller pleje ud over døgnets 24 timer. Ingen fast opfølgningskadence.',
    individual: true,
    rules: [],
  }),
  builtIn({
    id: 'solrod-0-forlob',
    name: 'Solrød 0-forløb',
    legalBasis: 'SEL §83/§83a',
    source: 'S2:3275-3277',
    description: 'Tidsbegrænset til 12 uger. Revurdering i uge 12, før forløbet udløber.',
    timeLimitWeeks: 12,
    rules: [{ kind: 'week', week: 12 }],
  }),
]);

export const BUILT_IN_CADENCE_TEMPLATE_IDS: readonly string[] = CADENCE_TEMPLATES.map((t) => t.id);

/** A municipality's own template: same rules, and it may not reuse a built-in id. */
export const CustomCadenceTemplateSchema = CadenceTemplateSchema.refine(
  (t) => !BUILT_IN_CADENCE_TEMPLATE_IDS.includes(t.id),
  { path: ['id'], message: 'id er allerede brugt af en indbygget skabelon' },
);

/** Find a template by id among the built-in ones and the municipality's own. */
export function findCadenceTemplate(
  id: string,
  customTemplates: readonly CadenceTemplate[] = [],
): CadenceTemplate | undefined {
  return CADENCE_TEMPLATES.find((t) => t.id === id) ?? customTemplates.find((t) => t.id === id);
}

/**
 * The template in force for a card: the card's own choice wins over the board's default.
 * Returns undefined when neither is set or the id is unknown (e.g. a deleted custom template).
 */
export function resolveCadenceTemplate(opts: {
  cardTemplateId?: string | null;
  boardTemplateId?: string | null;
  customTemplates?: readonly CadenceTemplate[];
}): CadenceTemplate | undefined {
  const id = opts.cardTemplateId ?? opts.boardTemplateId;
  return id ? findCadenceTemplate(id, opts.customTemplates) : undefined;
}
