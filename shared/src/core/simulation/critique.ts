import { z } from 'zod';
import type { UserSession } from './browsePages.js';
import type { Signal } from './userSimulator.js';
import { signalSchema } from './userSimulator.js';

const critiqueStatusSchema = z.enum(['CRITICAL', 'NEEDS_IMPROVEMENT', 'STABLE']);
type CritiqueStatus = z.infer<typeof critiqueStatusSchema>;

/** All simulated users of a candidate turned into one critique for the next proposal. */
const critiqueSchema = z
  .object({
    status: critiqueStatusSchema,
    /** User-facing failure modes, most important first. */
    failureModes: z.array(z.string()),
    summary: z.string(),
    /** Who wrote it: the LLM aggregator, or the documented rules (offline, or as its fallback). */
    source: z.enum(['llm', 'rules']),
  })
  .strict();

type Critique = z.infer<typeof critiqueSchema>;

/** The share of users (with a session) naming each signal as over- and as under-used. */
interface SignalShares {
  readonly overused: Readonly<Record<Signal, number>>;
  readonly underused: Readonly<Record<Signal, number>>;
}

function signalShares(sessions: readonly UserSession[]): SignalShares {
  const shareNaming = (pick: (session: UserSession) => readonly Signal[]) =>
    Object.fromEntries(
      signalSchema.options.map((signal) => [
        signal,
        sessions.length === 0
          ? 0
          : sessions.filter((session) => pick(session).includes(signal)).length / sessions.length,
      ])
    ) as Record<Signal, number>;
  return {
    overused: shareNaming((session) => session.interview.overusedSignals),
    underused: shareNaming((session) => session.interview.underusedSignals),
  };
}

/**
 * The shares as flat figures (`signal_overused_popularity`, …), archive features of every
 * simulated program: what directional-nas reads of the simulated users.
 */
function signalShareFigures(shares: SignalShares): Record<string, number> {
  return Object.fromEntries(
    (['overused', 'underused'] as const).flatMap((direction) =>
      signalSchema.options.map((signal) => [
        `signal_${direction}_${signal}`,
        shares[direction][signal],
      ])
    )
  );
}

/** Share of users who watched nothing on their first page (and so left after it). */
function emptyFirstPageShare(sessions: readonly UserSession[]): number {
  if (sessions.length === 0) return 0;
  const empty = sessions.filter(
    (session) => !(session.pages[0] ?? []).some((decision) => decision.watched)
  );
  return empty.length / sessions.length;
}

export type { Critique, CritiqueStatus, SignalShares };
export {
  critiqueSchema,
  critiqueStatusSchema,
  emptyFirstPageShare,
  signalShareFigures,
  signalShares,
};
