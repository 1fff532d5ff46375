import type { LlmExchange } from '../llm/index.js';
import type { SimulationCase, SimulationProtocol } from './protocol.js';
import type { Interview, ItemDecision, UserSimulator } from './userSimulator.js';

/** One user's visit: the pages they browsed with their decisions, and their interview. */
interface UserSession {
  readonly userIndex: number;
  /** Decisions per browsed page, in order; `pages.length` is the exit depth. */
  readonly pages: readonly (readonly ItemDecision[])[];
  readonly interview: Interview;
}

type UserOutcome =
  | { readonly ok: true; readonly session: UserSession; readonly exchanges: readonly LlmExchange[] }
  | {
      readonly ok: false;
      readonly userIndex: number;
      readonly reason: string;
      readonly exchanges: readonly LlmExchange[];
    };

/**
 * Lets a user browse a ranking page by page: after a page on which they watch nothing they
 * leave; otherwise they go on until `maxPages` or the end of the ranking. A page the simulator
 * cannot judge fails the whole user.
 */
async function browsePages(
  simulator: UserSimulator,
  user: SimulationCase,
  ranking: readonly number[],
  protocol: SimulationProtocol
): Promise<UserOutcome> {
  const pages: ItemDecision[][] = [];
  const exchanges: LlmExchange[] = [];
  let interview: Interview | undefined;
  for (let pageNumber = 1; pageNumber <= protocol.maxPages; pageNumber += 1) {
    const start = (pageNumber - 1) * protocol.pageSize;
    const page = ranking.slice(start, start + protocol.pageSize);
    if (page.length === 0) break;
    const earlierPages = [...pages];
    const judgement = await simulator.judgePage({ user, page, pageNumber, earlierPages });
    exchanges.push(...judgement.exchanges);
    if (!judgement.ok) {
      return { ok: false, userIndex: user.userIndex, reason: judgement.reason, exchanges };
    }
    pages.push([...judgement.verdict.decisions]);
    interview = judgement.verdict.interview;
    if (!judgement.verdict.decisions.some((decision) => decision.watched)) break;
  }
  if (interview === undefined) {
    return { ok: false, userIndex: user.userIndex, reason: 'the ranking is empty', exchanges };
  }
  return { ok: true, session: { userIndex: user.userIndex, pages, interview }, exchanges };
}

export type { UserOutcome, UserSession };
export { browsePages };
