import type { phoneDa } from './phoneDa';

export const phoneEn: typeof phoneDa = {
  menu: 'Menu',
  menuClose: 'Close menu',
  nav: {
    label: 'Main menu',
    mine: 'My citizens',
    board: 'Board',
    search: 'Search',
    toMe: 'For me',
    messages: 'Messages',
    unread_one: '{{count}} unread',
    unread_other: '{{count}} unread',
  },
  mine: {
    title: 'My citizens',
    primary: 'I am the contact person',
    secondary: 'I am the second contact person',
    dueToday: 'Follow-up today',
    none: 'You are not the contact person of any active citizen, and no follow-up is due today.',
    who: 'Citizens whose contact person is {{name}}, and citizens with a follow-up today.',
  },
  search: {
    title: 'Find a citizen',
    label: 'Name or initials',
    hint: 'Searches the active citizens on the board. Closed forløb are in the menu.',
    none: 'No active citizen matches “{{query}}”.',
    count_one: '{{count}} citizen',
    count_other: '{{count}} citizens',
  },
  phases: {
    label: 'The board by phase',
    expand: 'Show {{phase}}',
    collapse: 'Hide {{phase}}',
  },
  row: {
    due: 'Follow-up {{date}}',
    overdue: 'Overdue {{date}}',
  },
  card: {
    back: 'Back',
    actions: 'Actions',
    triage: 'Colour',
    note: 'Write in the log',
    move: 'Move to …',
    contacts: 'Contacts',
  },
  move: {
    title: 'Move {{name}} to',
    current: '{{phase}} (here now)',
    cancel: 'Cancel',
    done: 'Moved to {{phase}}',
  },
  call: 'Call {{name}} ({{phone}})',
  phaseStrip: 'Phases',
};
