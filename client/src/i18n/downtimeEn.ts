import type { downtimeDa } from './downtimeDa';

/** The downtime kit (issue #16, N7): the printed board and the offline app (English). */
export const downtimeEn: typeof downtimeDa = {
  print: 'Print the board',
  printA4: 'A4, landscape (PDF)',
  printA3: 'A3, landscape (PDF)',
  printRoomA4: 'For the room, initials only – A4 (PDF)',
  printRoomA3: 'For the room, initials only – A3 (PDF)',
  printScreen: 'Print what the screen shows',
  notLiveSince: 'Not live since {{time}}',
  notLiveSinceDay: 'Not live since {{time}}',
  notLiveUnknown: 'Not live – showing the latest copy on this device',
  offlineSession: 'No connection: you are seeing the latest copy on this device.',
};
