import { z } from 'zod';
import {
  DEFAULT_TEAM_MEETINGS,
  TeamMeetingSettingsSchema,
  type TeamMeetingSettings,
} from '../../shared/model/teamMeetings.js';
import {
  DEFAULT_DISCUSSION_PROMPTS,
  DiscussionPromptsSchema,
  type DiscussionPrompts,
} from '../../shared/model/discussionPrompts.js';
import { DEFAULT_SWAP_SETTINGS, SwapSettingsSchema, type SwapSettings } from '../../shared/model/swaps.js';
import {
  CareSignalSettingsSchema,
  DEFAULT_CARE_SIGNAL_SETTINGS,
  type CareSignalSettings,
} from '../../shared/model/careSignals.js';
import { ForlobCatalogueSchema, DEFAULT_FORLOB_CATALOGUE, type ForlobType } from '../../shared/model/catalogue.js';
import { CustomCadenceTemplateSchema, type CadenceTemplate } from '../../shared/rules/cadenceTemplates.js';
import {
  DelegationMatrixSchema,
  DelegationPresetIdSchema,
  delegationPreset,
  type DelegationMatrix,
  type DelegationPresetId,
} from '../../shared/rules/delegation.js';
import type { Logger } from '../logging.js';
import type { BoardConfigRecord, MeetingConfigRecord } from '../storage/types.js';
import {
  DEFAULT_TRIAGE_CONFIG,
  DEFAULT_VISITATOR_DAYS,
  TriageConfigSchema,
  VisitatorDaysSchema,
  type TriageConfig,
} from '../../shared/rules/triage.js';

/** Used when a municipality has no delegation set, or a stored one does not validate. */
export const DEFAULT_DELEGATION_PRESET: DelegationPresetId = 'standard';

export interface MunicipalityConfig {
  delegation: DelegationMatrix;
  /** null: the municipality has its own matrix. */
  presetId: DelegationPresetId | null;
  catalogue: ForlobType[];
  customTemplates: CadenceTemplate[];
  /** The focus view's prompts (the defaults until the municipality sets its own). */
  discussionPrompts: DiscussionPrompts;
  /** Bytteydelser: registration on/off, "byt til" chips, help types that cannot be swapped. */
  swaps: SwapSettings;
  municipalityId: string;
  /** Discharge lane on/off and the "nej tak" threshold (model/careSignals.ts). */
  careSignals: CareSignalSettings;
}

/** Stored delegation: a preset id (JSON string) or a full matrix (JSON object). */
export const StoredDelegationSchema = z.union([DelegationPresetIdSchema, DelegationMatrixSchema]);

/** The matrix in force and its preset (null: the municipality's own matrix); the strictest preset when invalid. */
export function resolveDelegation(
  municipalityId: string,
  raw: string | null,
  log: Logger,
): { delegation: DelegationMatrix; presetId: DelegationPresetId | null } {
  let stored: z.infer<typeof StoredDelegationSchema> = DEFAULT_DELEGATION_PRESET;
  if (raw !== null) {
    try {
      stored = StoredDelegationSchema.parse(JSON.parse(raw));
    } catch (err) {
      log.error('invalid municipality configuration; using the default', {
        municipality: municipalityId,
        what: 'delegation',
        err: err instanceof z.ZodError ? new Error(z.prettifyError(err)) : err,
      });
    }
  }
  return typeof stored === 'string'
    ? { delegation: delegationPreset(stored).matrix, presetId: stored }
    : { delegation: stored, presetId: null };
}

/** The municipality's discussion prompts; the defaults when unset or invalid (not personal data). */
export function resolveDiscussionPrompts(municipalityId: string, raw: string | null, log: Logger): DiscussionPrompts {
  if (raw === null) return DEFAULT_DISCUSSION_PROMPTS;
  try {
    return DiscussionPromptsSchema.parse(JSON.parse(raw));
  } catch (err) {
    log.error('invalid municipality configuration; using the default', {
      municipality: municipalityId,
      what: 'discussion_prompts',
      err: err instanceof z.ZodError ? new Error(z.prettifyError(err)) : err,
    });
    return DEFAULT_DISCUSSION_PROMPTS;
  }
}

/** The municipality's bytteydelser settings; the defaults (Favrskov's) when unset or invalid. */
export function resolveSwapSettings(municipalityId: string, raw: string | null, log: Logger): SwapSettings {
  if (raw === null) return DEFAULT_SWAP_SETTINGS;
  try {
    return SwapSettingsSchema.parse(JSON.parse(raw));
  } catch (err) {
    log.error('invalid municipality configuration; using the default', {
      municipality: municipalityId,
      what: 'swap_settings',
      err: err instanceof z.ZodError ? new Error(z.prettifyError(err)) : err,
    });
    return DEFAULT_SWAP_SETTINGS;
  }
}

/** The municipality's discharge lane and "nej tak" threshold; the defaults when unset or invalid. */
export function resolveCareSignals(municipalityId: string, raw: string | null, log: Logger): CareSignalSettings {
  if (raw === null) return DEFAULT_CARE_SIGNAL_SETTINGS;
  try {
    return CareSignalSettingsSchema.parse(JSON.parse(raw));
  } catch (err) {
    log.error('invalid municipality configuration; using the default', {
      municipality: municipalityId,
      what: 'care_signals',
      err: err instanceof z.ZodError ? new Error(z.prettifyError(err)) : err,
    });
    return DEFAULT_CARE_SIGNAL_SETTINGS;
  }
}

/**
 * Validates a municipality's stored configuration with the shared schemas. A value that
 * does not validate (hand-edited database) falls back to the built-in default, and for the
 * delegation matrix that is the strictest preset, so a broken setting never grants more.
 */
export function resolveMunicipalityConfig(rec: BoardConfigRecord, log: Logger): MunicipalityConfig {
  const parse = <T>(what: string, raw: string | null, schema: z.ZodType<T>, fallback: T): T => {
    if (raw === null) return fallback;
    try {
      return schema.parse(JSON.parse(raw));
    } catch (err) {
      log.error('invalid municipality configuration; using the default', {
        municipality: rec.municipalityId,
        what,
        err: err instanceof z.ZodError ? new Error(z.prettifyError(err)) : err,
      });
      return fallback;
    }
  };
  const { delegation, presetId } = resolveDelegation(rec.municipalityId, rec.delegation, log);
  return {
    delegation,
    presetId,
    catalogue: parse('forlob_catalogue', rec.forlobCatalogue, ForlobCatalogueSchema, [...DEFAULT_FORLOB_CATALOGUE]),
    customTemplates: parse('cadence_templates', rec.cadenceTemplates, z.array(CustomCadenceTemplateSchema), []),
    discussionPrompts: resolveDiscussionPrompts(rec.municipalityId, rec.discussionPrompts, log),
    swaps: resolveSwapSettings(rec.municipalityId, rec.swapSettings ?? null, log),
    municipalityId: rec.municipalityId,
    careSignals: resolveCareSignals(rec.municipalityId, rec.careSignals ?? null, log),
  };
}

// ---------------------------------------------------------------------------------------
// Meetings: triage response clocks (per municipality) and visitator days (per team)
// ---------------------------------------------------------------------------------------

export interface MeetingConfig {
  triage: TriageConfig;
  visitatorDays: number[];
  meetings: TeamMeetingSettings;
}

/** Like the lifecycle settings: a stored value that does not validate falls back to the default. */
export function resolveMeetingConfig(rec: MeetingConfigRecord | null, log: Logger): MeetingConfig {
  const parse = <T>(what: string, raw: string | null | undefined, schema: z.ZodType<T>, fallback: T): T => {
    if (raw == null) return fallback;
    try {
      return schema.parse(JSON.parse(raw));
    } catch (err) {
      log.error('invalid meeting configuration; using the default', {
        municipality: rec?.municipalityId,
        team: rec?.teamId,
        what,
        err: err instanceof z.ZodError ? new Error(z.prettifyError(err)) : err,
      });
      return fallback;
    }
  };
  return {
    triage: parse('triage_config', rec?.triageConfig, TriageConfigSchema, DEFAULT_TRIAGE_CONFIG),
    visitatorDays: parse('visitator_days', rec?.visitatorDays, VisitatorDaysSchema, [...DEFAULT_VISITATOR_DAYS]),
    meetings: parse('meeting_settings', rec?.meetingSettings, TeamMeetingSettingsSchema, DEFAULT_TEAM_MEETINGS),
  };
}
