import { createContext, useContext, useMemo, type ReactNode } from 'react';
import {
  cardResponseClock,
  type Card,
  type CardClock,
  type Phase,
  type StoredTriageEvent,
  type TriageConfig,
  type TriageResponse,
} from '../../../../shared/index.js';
import { useNow } from '../../hooks/useMeeting';

interface ClockEnv {
  events: readonly StoredTriageEvent[];
  responses: Readonly<Record<string, TriageResponse>>;
  config: TriageConfig;
  phases: readonly Phase[];
  now: number;
  lang: 'da' | 'en';
}

const Ctx = createContext<ClockEnv | null>(null);

interface Props extends Omit<ClockEnv, 'now'> {
  children: ReactNode;
}

/** Gives every card face the triage history and the clock rules without threading props through the board. */
export function TriageClockProvider({ children, events, responses, config, phases, lang }: Props) {
  const now = useNow(true, 30_000);
  const value = useMemo(
    () => ({ events, responses, config, phases, lang, now }),
    [events, responses, config, phases, lang, now],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** The card's response clock (pure rule in shared/rules/triage.ts), or null without one. */
export function useResponseClock(card: Card): CardClock | null {
  const env = useContext(Ctx);
  return useMemo(() => {
    if (!env) return null;
    return cardResponseClock(card, {
      events: env.events,
      response: env.responses[card.id] ?? null,
      now: new Date(env.now).toISOString(),
      config: env.config,
      phases: env.phases,
      lang: env.lang,
    });
  }, [env, card]);
}
