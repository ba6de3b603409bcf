import { describe, expect, it } from 'vitest';
import type { AuditItem } from '../../shared/protocol/audit.js';
import { auditFieldText, auditRowText, auditValueText } from '../../shared/rules/auditText.js';
import { formatInstant, parseDanishLocal } from '../../shared/rules/dates.js';

const item = (over: Partial<AuditItem>): AuditItem => ({
  id: 1,
  at: '2026-12-07T09:32:00.000Z',
  action: 'card_changed',
  userId: 'u-anne',
  userName: 'Anne Holm',
  role: 'ssh',
  cardId: 'nord-01',
  citizen: 'Karen Jensen',
  field: null,
  from: null,
  to: null,
  detail: { role: 'ssh' },
  ...over,
});
const names = { 'u-eva': 'Eva Mortensen' };

describe('[R36] one Danish time for every device', () => {
  it('formats an instant in Europe/Copenhagen whatever the process time zone (tests run in UTC)', () => {
    expect(formatInstant('2026-12-07T09:32:00Z')).toBe('7. dec. 2026 kl. 10.32');
    expect(formatInstant('2026-07-01T22:05:00Z', 'dateTime')).toBe('2. jul. 2026 kl. 00.05'); // summer time, next day
    expect(formatInstant('2026-05-04T10:00:00Z', 'date')).toBe('4. maj 2026');
    expect(formatInstant('2026-12-07T09:32:05Z', 'time')).toBe('10:32');
    expect(formatInstant(Date.parse('2026-12-07T09:32:05Z'), 'input')).toBe('2026-12-07T10:32:05');
    expect(formatInstant('2026-12-07T09:32:00Z', 'dateTime', 'en')).toBe('7 Dec 2026, 10:32');
    expect(formatInstant('ikke en dato')).toBe('');
  });

  it('reads a Danish wall-clock time back as the instant it names, across summer time', () => {
    expect(parseDanishLocal('2026-12-07T10:32')?.toISOString()).toBe('2026-12-07T09:32:00.000Z');
    expect(parseDanishLocal('2026-07-01T07:00:00')?.toISOString()).toBe('2026-07-01T05:00:00.000Z');
    expect(parseDanishLocal('07:00')).toBeNull();
  });
});

describe('[R36] audit log in words', () => {
  it('names fields without internal ids or programmer names', () => {
    expect(auditFieldText('contactPerson', 'da')).toBe('Kontaktperson');
    expect(auditFieldText('requests.r-17.decidedAt', 'da')).toBe('Anmodning › Afgjort');
    expect(auditFieldText('requests.r-17.decidedBy', 'da')).toBe('Anmodning › Afgjort af');
    expect(auditFieldText('goals.g1.status', 'da')).toBe('Mål › Status');
    expect(auditFieldText('followUps.week-5', 'da')).toBe('Opfølgning uge 5');
    expect(auditFieldText('opstart.plannedDate', 'da')).toBe('Opstart › Planlagt dato');
    expect(auditFieldText('goals.g1.status', 'en')).toBe('Goal › Status');
    expect(auditFieldText('ukendt.felt', 'da')).toBe('ukendt.felt');
  });

  it('shows Danish values: colours, statuses, dates, times, yes/no and names for user ids', () => {
    expect(auditValueText('triage', 'red', names, 'da')).toBe('rød');
    expect(auditValueText('triage', 'yellow', names, 'da')).toBe('gul');
    expect(auditValueText('triage', 'green', names, 'da')).toBe('grøn');
    expect(auditValueText('goals.g1.status', 'opnaaet', names, 'da')).toBe('Opnået');
    expect(auditValueText('requests.r1.status', 'afvist', names, 'da')).toBe('Afvist');
    expect(auditValueText('requests.r1.decidedAt', '2026-12-07T09:32:00.000Z', names, 'da')).toBe(
      '7. dec. 2026 kl. 10.32',
    );
    expect(auditValueText('requests.r1.decidedBy', 'u-eva', names, 'da')).toBe('Eva Mortensen');
    expect(auditValueText('requests.r1', 'mere-tid: Har brug for hjælp om aftenen', names, 'da')).toBe(
      'Mere tid: Har brug for hjælp om aftenen',
    );
    expect(auditValueText('nextDueDate', '2026-12-24', names, 'da')).toBe('24. dec. 2026');
    expect(auditValueText('relatives.p1.consent', true, names, 'da')).toBe('Ja');
    expect(auditValueText('weeklyHours', 2.5, names, 'da')).toBe('2,5');
    expect(auditValueText('closure.outcome', 'plejecenter', names, 'da')).toBe('Overgang til plejecenter');
    expect(auditValueText('opstart.participants', 'ssh, visitator', names, 'da')).toBe(
      'Social- og sundhedshjælper (SSH), Visitator',
    );
    expect(auditValueText('note', 'rød er en farve', names, 'da')).toBe('rød er en farve');
    expect(auditValueText('note', null, names, 'da')).toBe('');
  });

  it('renders whole entries: phase names, the closure, a refusal and a restore in words', () => {
    const triage = auditRowText(
      item({ action: 'triage_changed', field: 'triage', from: 'green', to: 'red' }),
      names,
      'da',
    );
    expect(triage).toEqual({
      at: '7. dec. 2026 kl. 10.32',
      action: 'Triage ændret',
      field: 'Triage',
      from: 'grøn',
      to: 'rød',
    });
    const moved = auditRowText(
      item({
        action: 'card_moved',
        field: 'position',
        from: 'Opstart',
        to: 'Uge 2',
        detail: { fromId: 'opstart', toId: 'uge2' },
      }),
      names,
      'da',
    );
    expect([moved.field, moved.from, moved.to]).toEqual(['Fase', 'Opstart', 'Uge 2']);
    const created = auditRowText(item({ action: 'card_created', detail: { phase: 'Henvist' } }), names, 'da');
    expect([created.field, created.to]).toEqual(['Fase', 'Henvist']);
    const closed = auditRowText(
      item({ action: 'card_closed', field: 'closure', to: 'daghjem', detail: { closedOn: '2026-12-07' } }),
      names,
      'da',
    );
    expect(closed.to).toBe('Overgang til daghjem (7. dec. 2026)');
    const refused = auditRowText(item({ action: 'write_rejected', detail: { code: 'delete_card' } }), names, 'da');
    expect(refused.to).toBe('Kun en administrator kan slette et kort. Afslut forløbet i stedet.');
    const restored = auditRowText(
      item({ action: 'board_restored', detail: { to: '2026-12-06T23:30:00.000Z' } }),
      names,
      'da',
    );
    expect(restored.to).toBe('7. dec. 2026 kl. 00.30');
  });
});
