import { z } from 'zod';

/*
 * A team's meetings: per meeting type a length and a weekly schedule, and the rotation
 * cycle "every active citizen comes up at least every N days" (issue #11, digest R7, R8,
 * R10). Stored per team (teams.meeting_settings, JSON), set on the admin page's
 * Indstillinger tab and served with the board's config.
 */

/** "08:00": a Danish wall-clock time, 24-hour, minutes included. */
export const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Klokkeslæt skrives TT:MM, fx 08:00');

/** Which days a meeting is held: ISO weekdays (1 = Monday … 7 = Sunday), or "the visitator's days". */
export const MeetingDaysSchema = z.union([
  z.literal('visitator'),
  z
    .array(z.number().int().min(1).max(7))
    .max(7)
    .refine((d) => new Set(d).size === d.length, 'En ugedag er nævnt to gange'),
]);
export type MeetingDays = z.infer<typeof MeetingDaysSchema>;

export const TeamMeetingTypeSchema = z
  .object({
    /** Planned length: the agenda's time budget, minutes. */
    durationMin: z
      .number('Mødets længde skal være et tal')
      .int('Mødets længde angives i hele minutter')
      .min(5, 'Et møde varer mindst 5 minutter')
      .max(240, 'Et møde varer højst 240 minutter'),
    /** Empty: not held on a fixed schedule. */
    days: MeetingDaysSchema,
    time: ClockTimeSchema,
  })
  .strict();
export type TeamMeetingType = z.infer<typeof TeamMeetingTypeSchema>;

export const TeamMeetingSettingsSchema = z
  .object({
    /** Every active citizen is taken up at least every this many days (R8). */
    rotationDays: z
      .number('Rotationen skal være et antal dage')
      .int('Rotationen angives i hele dage')
      .min(1, 'Rotationen er mindst 1 dag')
      .max(90, 'Rotationen er højst 90 dage'),
    tavlemoede: TeamMeetingTypeSchema,
    tvaerfagligt: TeamMeetingTypeSchema,
    udvidet: TeamMeetingTypeSchema,
  })
  .strict();
export type TeamMeetingSettings = z.infer<typeof TeamMeetingSettingsSchema>;

/**
 * Defaults: the daily tavlemøde 15 minutes on weekdays at 08:00 (S2:1635-1645; the seeds'
 * warning not to "møde sig ihjel", S2:1598-1599); the weekly meeting with the fixed
 * visitator 45 minutes on the visitator's day (S2:1583-1585, 4489-4493); the extended
 * meeting has no fixed day (every other week in the seeds, S2:1612-1613, planned by hand).
 */
export const DEFAULT_TEAM_MEETINGS: TeamMeetingSettings = Object.freeze({
  rotationDays: 14,
  tavlemoede: { durationMin: 15, days: [1, 2, 3, 4, 5], time: '08:00' },
  tvaerfagligt: { durationMin: 45, days: 'visitator', time: '12:30' },
  udvidet: { durationMin: 90, days: [], time: '13:00' },
}) as TeamMeetingSettings;
