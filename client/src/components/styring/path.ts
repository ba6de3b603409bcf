/** The cockpit's address (its own module, so the page itself can load on demand). */
export const STYRING_PATH = '/styring';
