import { z } from 'zod';
import { MeetingTypeSchema } from '../model/meeting.js';
import { RequestKindSchema } from '../model/lifecycle.js';

/**
 * "Mine teams": a visitator (or anyone on several teams) sees each team's board, its
 * upcoming and running meetings, and every open request addressed to the visitator.
 *
 *   GET /api/me/overview → 200 MyOverviewResponse (only the user's own teams; 403 for the wall screen)
 */
export const OverviewMeetingSchema = z.object({
  id: z.string(),
  type: MeetingTypeSchema,
  scheduledFor: z.string(),
  /** null: planned, not started. */
  startedAt: z.string().nullable(),
});
export type OverviewMeeting = z.infer<typeof OverviewMeetingSchema>;

/** An open request to the visitator: a lifecycle anmodning or a "Spørg visitator" question. */
export const OverviewRequestSchema = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('request'),
    id: z.string(),
    cardId: z.string(),
    cardName: z.string(),
    kind: RequestKindSchema,
    text: z.string(),
    byName: z.string(),
    at: z.string(),
  }),
  z.object({
    source: z.literal('question'),
    id: z.string(),
    /** null: a general question, not about one citizen. */
    cardId: z.string().nullable(),
    cardName: z.string().nullable(),
    text: z.string(),
    byName: z.string(),
    at: z.string(),
  }),
]);
export type OverviewRequest = z.infer<typeof OverviewRequestSchema>;

/** A meeting the team's schedule plans next (model/teamMeetings.ts), not yet created on the board. */
export const PlannedMeetingSchema = z.object({
  type: MeetingTypeSchema,
  /** The instant it starts. */
  at: z.string(),
  durationMin: z.number(),
});

export const TeamOverviewSchema = z.object({
  teamId: z.string(),
  teamName: z.string(),
  boardId: z.string(),
  boardName: z.string(),
  /** Meetings not yet ended, by planned start. */
  meetings: z.array(OverviewMeetingSchema),
  /** Open requests and questions, oldest first. */
  requests: z.array(OverviewRequestSchema),
  /** The next scheduled meeting of each type, earliest first (issue #11). */
  nextMeetings: z.array(PlannedMeetingSchema).default([]),
});
export type TeamOverview = z.infer<typeof TeamOverviewSchema>;

export const MyOverviewResponseSchema = z.object({ teams: z.array(TeamOverviewSchema) });
export type MyOverviewResponse = z.infer<typeof MyOverviewResponseSchema>;
