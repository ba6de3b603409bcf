import { describe, expect, it } from 'vitest';
import { AUDIT_CSV_HEADERS, auditCsv } from '../../server/audit/csv.js';
import { auditFieldLabel, type AuditItem } from '../../shared/protocol/audit.js';

const item = (over: Partial<AuditItem>): AuditItem => ({
  id: 1,
  at: '2026-07-01T10:00:00.000Z',
  action: 'card_changed',
  userId: 'u-anne',
  userName: 'Anne Holm',
  role: 'ssh',
  cardId: 'nord-01',
  citizen: 'Karen Jensen',
  field: 'note',
  from: '',
  to: 'ny note',
  detail: { role: 'ssh', field: 'note', from: '', to: 'ny note' },
  ...over,
});

describe('[R36] audit CSV', () => {
  it('starts with a BOM, has Danish headers and Danish local time, role and action names', () => {
    const csv = auditCsv([item({})]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, row] = csv.slice(1).trim().split('\r\n');
    expect(header).toBe(AUDIT_CSV_HEADERS.join(','));
    expect(row).toBe(
      '2026-07-01 12:00:00,Anne Holm,u-anne,Social- og sundhedshjælper,Karen Jensen,nord-01,Felt ændret,Note,,ny note,"{""field"":""note""}",2026-07-01T10:00:00.000Z,card_changed,,ny note',
    );
  });

  it('keeps the raw values (ids, ISO UTC time, action code, stored values) and adds readable ones beside them', () => {
    const csv = auditCsv(
      [
        item({ action: 'triage_changed', field: 'triage', from: 'green', to: 'red' }),
        item({ field: 'requests.r1.decidedBy', from: null, to: 'u-eva' }),
      ],
      { 'u-eva': 'Eva Mortensen' },
    );
    const [, triage, decided] = csv.slice(1).trim().split('\r\n');
    expect(triage).toContain(',green,red,');
    expect(triage!.endsWith(',2026-07-01T10:00:00.000Z,triage_changed,grøn,rød')).toBe(true);
    expect(decided).toContain(',u-eva,');
    expect(decided!.endsWith(',card_changed,,Eva Mortensen')).toBe(true);
  });

  it('never lets free text run as a spreadsheet formula', () => {
    const csv = auditCsv([item({ to: '=HYPERLINK("http://x")', from: '+1', citizen: '@evil' })]);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain("'+1");
    expect(csv).toContain("'@evil");
  });

  it('names fields for people and keeps the raw path and the rest of the detail in one JSON column', () => {
    const csv = auditCsv([
      item({
        action: 'card_closed',
        field: 'closure',
        detail: { role: 'ssh', field: 'closure', closedOn: '2026-07-01' },
      }),
    ]);
    expect(csv).toContain('Forløb afsluttet');
    expect(csv).toContain('Afslutning,');
    expect(csv).toContain('"{""field"":""closure"",""closedOn"":""2026-07-01""}"');
  });
});

describe('[R36] audit field names', () => {
  it('names the first part of the path and keeps the rest', () => {
    expect(auditFieldLabel('contactPerson', 'da')).toBe('Kontaktperson');
    expect(auditFieldLabel('goals.g1.status', 'da')).toBe('Mål › g1 › status');
    expect(auditFieldLabel('opstart.plannedDate', 'en')).toBe('Start-up › plannedDate');
    expect(auditFieldLabel('ukendt.felt', 'da')).toBe('ukendt.felt');
  });
});
