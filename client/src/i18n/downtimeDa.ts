/** The downtime kit (issue #16, N7): the printed tavle and the offline app (Danish). */
export const downtimeDa = {
  print: 'Print tavlen',
  printA4: 'A4, liggende (PDF)',
  printA3: 'A3, liggende (PDF)',
  printRoomA4: 'Til rummet, kun initialer – A4 (PDF)',
  printRoomA3: 'Til rummet, kun initialer – A3 (PDF)',
  printScreen: 'Udskriv det, skærmen viser',
  notLiveSince: 'Ikke live siden kl. {{time}}',
  notLiveSinceDay: 'Ikke live siden {{time}}',
  notLiveUnknown: 'Ikke live – viser den seneste kopi på enheden',
  offlineSession: 'Uden forbindelse: du ser den seneste kopi på denne enhed.',
};
