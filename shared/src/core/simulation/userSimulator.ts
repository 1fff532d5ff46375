import { z } from 'zod';
import type { LlmExchange } from '../llm/index.js';
import type { SimulationCase } from './protocol.js';

/**
 * What a recommender can lean on too much or too little, in a user's eyes: the popularity of
 * items, the user's most recent items, their long-run genres, and the spread of genres.
 */
const signalSchema = z.enum(['popularity', 'recency', 'genre', 'diversity']);
type Signal = z.infer<typeof signalSchema>;

/** A simulated user's verdict on one item of a page. */
interface ItemDecision {
  readonly item: number;
  readonly watched: boolean;
  /** 1–5; null when the user gives none (an offline user rates only what it watches). */
  readonly rating: number | null;
  readonly reason: string;
}

/** What a user says about the recommendations when asked after browsing. */
interface Interview {
  readonly fits: readonly string[];
  readonly misses: readonly string[];
  readonly overusedSignals: readonly Signal[];
  readonly underusedSignals: readonly Signal[];
}

interface PageVerdict {
  /** One per item of the page, in page order. */
  readonly decisions: readonly ItemDecision[];
  /** The interview as of this page, over every page browsed so far. */
  readonly interview: Interview;
}

interface PageRequest {
  readonly user: SimulationCase;
  /** Item ids of the page, best ranked first. */
  readonly page: readonly number[];
  /** 1-based. */
  readonly pageNumber: number;
  /** The decisions on the pages browsed before this one. */
  readonly earlierPages: readonly (readonly ItemDecision[])[];
}

/** A verdict, or why the user could not give one: a failed user is counted, never faked. */
type PageJudgement =
  | {
      readonly ok: true;
      readonly verdict: PageVerdict;
      readonly exchanges: readonly LlmExchange[];
    }
  | { readonly ok: false; readonly reason: string; readonly exchanges: readonly LlmExchange[] };

type SimulatorKind = 'offline' | 'llm';

/**
 * Port: a simulated user judging one page. Implementations must not look at `user.future`
 * unless they are grounded by design (the offline simulator is, and says so).
 */
interface UserSimulator {
  readonly kind: SimulatorKind;
  judgePage(request: PageRequest): Promise<PageJudgement>;
}

export type {
  Interview,
  ItemDecision,
  PageJudgement,
  PageRequest,
  PageVerdict,
  Signal,
  SimulatorKind,
  UserSimulator,
};
export { signalSchema };
