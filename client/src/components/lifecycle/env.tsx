import { createContext, useContext, useMemo, type ReactNode } from 'react';
import {
  CADENCE_TEMPLATES,
  DEFAULT_FORLOB_CATALOGUE,
  DEFAULT_CARE_SIGNAL_SETTINGS,
  DEFAULT_SWAP_SETTINGS,
  DEFAULT_TEAM_MEETINGS,
  DEFAULT_TRIAGE_CONFIG,
  DEFAULT_VISITATOR_DAYS,
  delegationPreset,
  isAllowed,
  type CadenceTemplate,
  type CareSignalSettings,
  type DelegationMatrix,
  type ForlobType,
  type LifecycleContext,
  type Operation,
  type SessionUser,
  type SwapSettings,
  type TeamMeetingSettings,
  type TriageConfig,
} from '../../../../shared/index.js';
import type { BoardConfigState } from '../../hooks/useBoardConfig';
import type { BoardConnection } from '../../sync/boardConnection';

/** What every lifecycle view needs: who I am, today, the municipality's config, the board. */
export interface LifecycleEnv {
  connection: BoardConnection;
  user: SessionUser;
  today: string;
  lang: 'da' | 'en';
  editable: boolean;
  /** Built-in templates plus the municipality's own. */
  templates: readonly CadenceTemplate[];
  catalogue: readonly ForlobType[];
  matrix: DelegationMatrix;
  /** Context for the shared lifecycle helpers (followUpsForCard & co). */
  ctx: LifecycleContext;
  /** May I do this protected operation directly (delegation matrix)? */
  can: (op: Operation) => boolean;
  /** The visitator (or an administrator) decides requests. */
  decidesRequests: boolean;
  configReady: boolean;
  /** The municipality's triage response clocks. */
  triageConfig: TriageConfig;
  /** The team's visitator days (ISO weekdays). */
  visitatorDays: readonly number[];
  /** The team's meeting lengths, schedules and rotation cycle (the agenda's budget). */
  teamMeetings: TeamMeetingSettings;
  /**
   * The municipality's bytteydelser settings. While the config loads registration counts as
   * off (nothing asks for it yet); when it cannot be loaded (offline) the defaults apply and
   * the server has the last word.
   */
  swaps: SwapSettings;
  /** Discharge lane on/off and the "nej tak" threshold (the defaults until loaded). */
  careSignals: CareSignalSettings;
}

const Ctx = createContext<LifecycleEnv | null>(null);

export function useLifecycleEnv(): LifecycleEnv {
  const env = useContext(Ctx);
  if (!env) throw new Error('LifecycleProvider missing');
  return env;
}

interface Props {
  connection: BoardConnection;
  user: SessionUser;
  today: string;
  lang: 'da' | 'en';
  editable: boolean;
  config: BoardConfigState;
  boardTemplateId: string;
  children: ReactNode;
}

/** Until the config has loaded, the strictest preset applies: the UI never offers more than the server allows. */
const STRICT = delegationPreset('standard').matrix;
const SWAPS_LOADING: SwapSettings = { ...DEFAULT_SWAP_SETTINGS, enabled: false };

export function LifecycleProvider({
  connection,
  user,
  today,
  lang,
  editable,
  config,
  boardTemplateId,
  children,
}: Props) {
  const env = useMemo((): LifecycleEnv => {
    const ready = config.state === 'ready' ? config.config : null;
    const custom = (ready?.cadenceTemplates ?? []).filter((t) => !CADENCE_TEMPLATES.some((b) => b.id === t.id));
    const matrix = ready?.delegation ?? STRICT;
    return {
      connection,
      user,
      today,
      lang,
      editable,
      templates: [...CADENCE_TEMPLATES, ...custom],
      catalogue: ready?.catalogue ?? DEFAULT_FORLOB_CATALOGUE,
      matrix,
      ctx: { boardTemplateId, customTemplates: custom },
      can: (op) => editable && isAllowed(matrix, user.role, op),
      decidesRequests: editable && (user.role === 'visitator' || user.role === 'administrator'),
      configReady: ready !== null,
      triageConfig: ready?.triage ?? DEFAULT_TRIAGE_CONFIG,
      visitatorDays: ready?.visitatorDays ?? DEFAULT_VISITATOR_DAYS,
      teamMeetings: ready?.meetings ?? DEFAULT_TEAM_MEETINGS,
      swaps: ready?.swaps ?? (config.state === 'failed' ? DEFAULT_SWAP_SETTINGS : SWAPS_LOADING),
      careSignals: ready?.careSignals ?? DEFAULT_CARE_SIGNAL_SETTINGS,
    };
  }, [connection, user, today, lang, editable, config, boardTemplateId]);
  return <Ctx.Provider value={env}>{children}</Ctx.Provider>;
}
