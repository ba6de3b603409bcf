/** A textarea's lists on the settings page: one entry per line; blank lines are only spacing. */
export const textToLines = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
