import { describe, expect, it } from 'vitest';
import {
  ROLES,
  SetVisitatorDaysRequestSchema,
  UpdateSettingsRequestSchema,
  canChangeMunicipalitySettings,
  canSetVisitatorDays,
} from '../../shared/index.js';

const team = { id: 'team-nord', municipalityId: 'demo-kommune' };
const actor = (
  role: (typeof ROLES)[number],
  extra: Partial<{ readOnly: boolean; teamIds: string[]; municipalityId: string | null }> = {},
) => ({
  role,
  teamIds: ['team-nord'],
  municipalityId: 'demo-kommune',
  ...extra,
});

describe('canChangeMunicipalitySettings (delegation model, triage clocks)', () => {
  it('is the administrator only, and not one marked read-only', () => {
    expect(ROLES.filter((r) => canChangeMunicipalitySettings({ role: r }))).toEqual(['administrator']);
    expect(canChangeMunicipalitySettings({ role: 'administrator', readOnly: true })).toBe(false);
  });
});

describe('canSetVisitatorDays', () => {
  it('lets the administrator set any team of their own municipality', () => {
    expect(canSetVisitatorDays(actor('administrator', { teamIds: [] }), team)).toBe(true);
    expect(canSetVisitatorDays(actor('administrator', { municipalityId: 'anden-kommune' }), team)).toBe(false);
    expect(canSetVisitatorDays(actor('administrator', { municipalityId: null }), team)).toBe(false);
  });

  it('lets a leder set only the teams they lead', () => {
    expect(canSetVisitatorDays(actor('leder'), team)).toBe(true);
    expect(canSetVisitatorDays(actor('leder', { teamIds: ['team-syd'] }), team)).toBe(false);
    expect(canSetVisitatorDays(actor('leder', { municipalityId: 'anden-kommune' }), team)).toBe(false);
  });

  it('refuses read-only users and every other role', () => {
    expect(canSetVisitatorDays(actor('leder', { readOnly: true }), team)).toBe(false);
    expect(canSetVisitatorDays(actor('administrator', { readOnly: true }), team)).toBe(false);
    const others = ROLES.filter((r) => r !== 'administrator' && r !== 'leder');
    expect(others.filter((r) => canSetVisitatorDays(actor(r), team))).toEqual([]);
  });
});

describe('settings request schemas', () => {
  const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
    r.error?.issues.map((i) => i.message) ?? [];

  it('accepts a preset and clock hours, refuses unknown presets and bad hours in Danish', () => {
    expect(UpdateSettingsRequestSchema.parse({ delegationPreset: 'solrod' })).toEqual({ delegationPreset: 'solrod' });
    expect(UpdateSettingsRequestSchema.parse({ triage: { redHours: 12, yellowHours: 36 } }).triage).toEqual({
      redHours: 12,
      yellowHours: 36,
    });
    expect(messages(UpdateSettingsRequestSchema.safeParse({ delegationPreset: 'egen' }))).toEqual([
      'Ukendt delegationsmodel. Vælg Standard, Solrød eller Favrskov.',
    ]);
    expect(messages(UpdateSettingsRequestSchema.safeParse({ triage: { redHours: 0, yellowHours: 48 } }))).toEqual([
      'Rød: mindst 1 time.',
    ]);
    expect(messages(UpdateSettingsRequestSchema.safeParse({}))).toEqual([
      'Angiv delegationsmodel, responstider, samtalestøtte, bytteydelser eller udskrevne og nej tak.',
    ]);
  });

  it('takes visitator days as sorted ISO weekdays, each once', () => {
    expect(SetVisitatorDaysRequestSchema.parse({ days: [4, 2] }).days).toEqual([2, 4]);
    expect(SetVisitatorDaysRequestSchema.parse({ days: [] }).days).toEqual([]);
    expect(messages(SetVisitatorDaysRequestSchema.safeParse({ days: [0] }))).toEqual([
      'Ugedage angives som tal fra 1 (mandag) til 7 (søndag).',
    ]);
    expect(messages(SetVisitatorDaysRequestSchema.safeParse({ days: [2, 2] }))).toEqual([
      'En ugedag er nævnt to gange',
    ]);
  });
});
