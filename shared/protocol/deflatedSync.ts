/**
 * A board's whole state for a client that has none, deflated (issue #15, the big board: a
 * 2,000-card board with a year of history is 1.3 MB as Yjs encodes it and about 0.25 MB
 * deflated — on a phone in a citizen's home that is the difference that matters).
 *
 * Only the first sync of a new device pays for this: the server deflates the full state
 * once per board version and only when it is big, and only for clients that say they can
 * inflate it (`?sync=deflate` on the websocket URL). Every other message is the plain
 * y-websocket protocol; permessage-deflate is not used, because browsers then compress
 * every small edit too and the server would inflate each one.
 *
 * Frame: varuint SYNC_DEFLATED_MESSAGE, then a varuint8array holding a raw-deflated Yjs v1
 * update. The client applies it as it would a sync step 2, and is then synced.
 */
export const SYNC_DEFLATED_MESSAGE = 100;

/** The websocket URL's query parameter (and value) by which a client asks for it. */
export const SYNC_DEFLATE_PARAM = { name: 'sync', value: 'deflate' } as const;

/** A full state smaller than this goes plain: deflating it would save less than it costs. */
export const SYNC_DEFLATE_MIN_BYTES = 32 * 1024;
