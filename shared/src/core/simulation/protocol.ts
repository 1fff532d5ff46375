import { z } from 'zod';
import type { ViewUser } from '../dataset/index.js';
import type { PersonaTraits, SimulationPopulation } from './personaTraits.js';
import { personaTraits } from './personaTraits.js';

/**
 * The simulation protocol. For each sampled user the last `holdout` training items and the
 * validation item are the user's real future; the model is scored on the rest (the visible
 * history) and the user browses its ranking in pages of `pageSize` items, visible items excluded,
 * `maxPages` at most, leaving after the first page on which they watch nothing.
 */
const simulationProtocolSchema = z
  .object({
    /** Training items held out from the end of the history (fewer when it is short). */
    holdout: z.int().min(0).default(5),
    pageSize: z.int().min(1).max(50).default(10),
    maxPages: z.int().min(1).max(10).default(3),
    /** Most recent history items an LLM user is shown (the prompt's length bound). */
    historyShown: z.int().min(1).max(200).default(30),
  })
  .strict();

type SimulationProtocol = z.infer<typeof simulationProtocolSchema>;
type SimulationProtocolInput = z.input<typeof simulationProtocolSchema>;

/** One user as the simulation sees them. */
interface SimulationCase {
  readonly userIndex: number;
  /** What the model is scored on and the persona is measured on, in time order. */
  readonly history: readonly number[];
  /** The held-out items: the end of the training history, then the validation item. */
  readonly future: readonly number[];
  readonly persona: PersonaTraits;
}

/**
 * Splits a user into visible history and future. At least one training item stays visible, so
 * a two-item history holds out one item whatever `holdout` says. The persona is measured on the
 * visible history only, so that it never encodes the future.
 */
function simulationCase(
  user: ViewUser,
  protocol: SimulationProtocol,
  population: SimulationPopulation
): SimulationCase {
  const held = Math.min(protocol.holdout, Math.max(0, user.train.length - 1));
  const history = user.train.slice(0, user.train.length - held);
  const future = [...user.train.slice(user.train.length - held)];
  if (user.valid !== null) future.push(user.valid);
  return {
    userIndex: user.index,
    history,
    future,
    persona: personaTraits(history, population),
  };
}

export type { SimulationCase, SimulationProtocol, SimulationProtocolInput };
export { simulationCase, simulationProtocolSchema };
