/** The audit page's address (its own module, so the page itself can load on demand). */
export const AUDIT_PATH = '/revisionsspor';
