import type { screenDa } from './screenDa';

/** Wall screen, pairing and device administration (English). */
export const screenEn: typeof screenDa = {
  hiddenCover: 'Hidden – tap to show',
  hide: 'Hide screen',
  hideAll: 'Hide everything',
  show: 'Show screen',
  notLive: 'Not live – showing the board as of {{time}}',
  pairTitle: 'Pair a screen',
  pairIntro: 'Enter the code your manager or administrator got when the screen was created.',
  pairCode: 'Pairing code',
  pairSubmit: 'Pair the screen',
  pairing: 'Pairing the screen…',
  pairFailed: 'The code is invalid or has expired. Ask for a new code.',
  pairLink: 'Pair a screen',
  backToLogin: 'Back to sign-in',
  devices: 'Screens',
  devicesTitle: 'Wall screens',
  devicesIntro:
    'A screen is paired once with a code and stays signed in. It shows initials only and cannot change anything.',
  team: 'Team',
  name: 'Name of the screen',
  namePlaceholder: 'e.g. Meeting room',
  create: 'Create screen',
  newCode: 'New code',
  revoke: 'Remove',
  revokeConfirm: 'Remove the screen {{name}}? It is signed out at once.',
  none: 'No screens yet.',
  paired: 'Paired {{when}}',
  notPaired: 'Not paired yet',
  codeFor: 'Code for {{name}}',
  codeHint:
    'Open the link on the screen, or enter the code under “Pair a screen”. It works once and expires at {{time}}.',
  close: 'Close',
  backToBoard: 'Back to the board',
  failed: 'That did not work. Please try again.',
};
