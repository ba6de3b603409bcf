import { z } from 'zod';
import { freeText } from './card.js';
import { IdSchema } from './ids.js';
import { ActorIdSchema, ActorNameSchema, TimestampSchema } from './lifecycle.js';

/*
 * The free area (issue #16): what a physical tavle carries beside the magnets — "Bil 3 på
 * værksted", "Brandøvelse kl. 13", a drawing of the week's rota. Sticky notes, plain text
 * and pen strokes on one shared surface, stored in the board doc's `freeItems` map, one
 * entry per item (doc/layout.ts), so two people's edits of different items never meet.
 * Coordinates are whole pixels of a fixed surface (FREE_AREA_SIZE); the client scales it.
 * Who may change or delete what is rules/freeArea.ts; expiry too.
 */

/**
 * The surface, in its own units (a CSS pixel at full size): wide enough for a week's rota,
 * small enough to bound. The board shows it at half size beside the columns.
 */
export const FREE_AREA_SIZE = { width: 1600, height: 1000 } as const;
/** Most items on one board's free area (a wall of notes; expired ones are swept away). */
export const MAX_FREE_ITEMS = 400;
/** A note's or a text's words: a few lines, as on a paper note. */
export const MAX_FREE_TEXT = 400;
/** Points per stroke: a long, careful line at 60 input events a second is a few hundred. */
export const MAX_STROKE_POINTS = 600;
/** Smallest and largest note or text box. */
export const FREE_BOX = { min: 60, max: 800 } as const;

export const NOTE_COLOURS = ['gul', 'groen', 'blaa', 'lilla', 'orange'] as const;
export const NoteColourSchema = z.enum(NOTE_COLOURS);
export type NoteColour = z.infer<typeof NoteColourSchema>;

export const INK_COLOURS = ['sort', 'blaa', 'roed', 'groen'] as const;
export const InkColourSchema = z.enum(INK_COLOURS);
export type InkColour = z.infer<typeof InkColourSchema>;

/** "i dag": gone after today; "denne uge": gone after this ISO week (Danish calendar); null: stays. */
export const ExpirySchema = z.enum(['dag', 'uge']).nullable();
export type Expiry = z.infer<typeof ExpirySchema>;

const coord = (max: number) => z.number().int().min(0).max(max);
const boxSide = z.number().int().min(FREE_BOX.min).max(FREE_BOX.max);

const BaseSchema = z.object({
  id: IdSchema,
  x: coord(FREE_AREA_SIZE.width),
  y: coord(FREE_AREA_SIZE.height),
  /** The author: always the sender (the write gate's impersonation check); '?' on the wall. */
  by: ActorIdSchema,
  byName: ActorNameSchema,
  /** Created. */
  at: TimestampSchema,
  expiry: ExpirySchema,
  /** "Vis på skærmen": the author's choice to put it on the wall (rules/freeArea.ts says when it shows). */
  onScreen: z.boolean(),
});

export const FreeNoteSchema = BaseSchema.extend({
  kind: z.literal('note'),
  w: boxSide,
  h: boxSide,
  text: freeText(MAX_FREE_TEXT),
  colour: NoteColourSchema,
});

export const FreeTextSchema = BaseSchema.extend({
  kind: z.literal('text'),
  w: boxSide,
  h: boxSide,
  text: freeText(MAX_FREE_TEXT),
});

/**
 * Raw input points as whole pixels relative to (x, y), flat: [x0, y0, x1, y1, …]. Rounded
 * integers in a flat list keep a stroke a few kB; the client smooths them (perfect-freehand)
 * when it draws, so the smoothing can improve without touching stored data.
 */
export const StrokePointsSchema = z
  .array(z.number().int().min(0).max(FREE_AREA_SIZE.width))
  .min(2)
  .max(MAX_STROKE_POINTS * 2)
  .refine((p) => p.length % 2 === 0, 'punkter kommer i par');

export const FreeStrokeSchema = BaseSchema.extend({
  kind: z.literal('stroke'),
  points: StrokePointsSchema,
  ink: InkColourSchema,
  /** Pen width in surface pixels. */
  size: z.number().int().min(1).max(40),
});

export const FreeItemSchema = z.discriminatedUnion('kind', [FreeNoteSchema, FreeTextSchema, FreeStrokeSchema]);
export type FreeItem = z.infer<typeof FreeItemSchema>;
export type FreeNote = z.infer<typeof FreeNoteSchema>;
export type FreeText = z.infer<typeof FreeTextSchema>;
export type FreeStroke = z.infer<typeof FreeStrokeSchema>;
export type FreeItemKind = FreeItem['kind'];

/** Fields anyone on the team may change: moving and resizing, as with a paper note. */
export const FREE_LAYOUT_FIELDS = ['x', 'y', 'w', 'h'] as const;

/** What BoardDoc.updateFreeItem takes: a move/resize and the author's own edits. */
export const FreeItemPatchSchema = z
  .object({
    x: BaseSchema.shape.x,
    y: BaseSchema.shape.y,
    w: boxSide,
    h: boxSide,
    text: freeText(MAX_FREE_TEXT),
    colour: NoteColourSchema,
    expiry: ExpirySchema,
    onScreen: z.boolean(),
  })
  .partial()
  .strict();
export type FreeItemPatch = z.infer<typeof FreeItemPatchSchema>;

/** Input of BoardDoc.addFreeItem: id and time default to new and now. */
export type NewFreeItem = DistributiveOmit<FreeItem, 'id' | 'at'> & { id?: string; at?: string };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
