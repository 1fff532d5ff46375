import type { PreparedView, ViewUser } from '../dataset/index.js';
import { createRng } from '../random/index.js';
import type { PersonaTraits } from './personaTraits.js';
import { personaTraits, viewPopulation } from './personaTraits.js';

const TERCILE_NAMES = ['low', 'mid', 'high'] as const;

/** A user the simulation can use, with the traits and stratum it was sampled by. */
interface StratifiedUser {
  readonly user: ViewUser;
  readonly traits: PersonaTraits;
  /** `activity:<t>/diversity:<t>/popularity:<t>`, each tercile low, mid or high. */
  readonly stratum: string;
}

/**
 * Every user with at least two training items (one to show the model, one to hold out), with
 * a stratum: the terciles of activity (history length), genre diversity and popularity
 * conformity among those users, 27 strata at most. Terciles are cut at the values ranked n/3
 * and 2n/3; tied values share a tercile, so strata can be uneven.
 */
function stratifyUsers(view: PreparedView): StratifiedUser[] {
  const population = viewPopulation(view);
  const eligible = view.users
    .filter((user) => user.train.length >= 2)
    .map((user) => ({ user, traits: personaTraits(user.train, population) }));
  const activity = tercileOf(eligible.map(({ traits }) => traits.historyLength));
  const diversity = tercileOf(eligible.map(({ traits }) => traits.genreDiversity));
  const popularity = tercileOf(eligible.map(({ traits }) => traits.popularityConformity));
  return eligible.map(({ user, traits }) => ({
    user,
    traits,
    stratum: [
      `activity:${activity(traits.historyLength)}`,
      `diversity:${diversity(traits.genreDiversity)}`,
      `popularity:${popularity(traits.popularityConformity)}`,
    ].join('/'),
  }));
}

/** A function naming the tercile of a value among `values`. */
function tercileOf(values: readonly number[]): (value: number) => string {
  const sorted = [...values].sort((a, b) => a - b);
  const lowCut = sorted[Math.floor(sorted.length / 3)] ?? 0;
  const highCut = sorted[Math.floor((2 * sorted.length) / 3)] ?? 0;
  return (value) => TERCILE_NAMES[value < lowCut ? 0 : value < highCut ? 1 : 2];
}

/**
 * The users a run simulates, the same for every candidate: a fixed-seed sample stratified by
 * activity, genre diversity and popularity taste. Allocation is proportional to stratum size,
 * with at least one user per non-empty stratum when `count` allows; the seed only decides who
 * within a stratum. Returns every eligible user when `count` reaches their number; sorted by
 * user index.
 */
function sampleSimulationUsers(
  view: PreparedView,
  count: number,
  seed: number | string
): ViewUser[] {
  const strata = new Map<string, ViewUser[]>();
  for (const { user, stratum } of stratifyUsers(view)) {
    const members = strata.get(stratum) ?? [];
    members.push(user);
    strata.set(stratum, members);
  }
  const keys = [...strata.keys()].sort();
  const sizes = keys.map((key) => strata.get(key)?.length ?? 0);
  const allocation = allocate(sizes, count);
  const rng = createRng(seed);
  return keys
    .flatMap((key, index) => rng.shuffle(strata.get(key) ?? []).slice(0, allocation[index]))
    .sort((a, b) => a.index - b.index);
}

/**
 * Splits `count` over strata of `sizes`. With a seat for every stratum, each gets one and the
 * rest goes by largest remainder of (size − 1) shares; with fewer, the seats go by largest
 * remainder of size shares. Never more than a stratum holds.
 */
function allocate(sizes: readonly number[], count: number): number[] {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  if (count >= total) return [...sizes];
  if (count >= sizes.length) {
    const rest = largestRemainder(
      sizes.map((size) => size - 1),
      count - sizes.length
    );
    return rest.map((seats) => seats + 1);
  }
  return largestRemainder(sizes, count);
}

/** Hamilton's method: floor of each quota, the leftover seats to the largest remainders. */
function largestRemainder(weights: readonly number[], seats: number): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total === 0 || seats <= 0) return weights.map(() => 0);
  const quotas = weights.map((weight) => (weight * seats) / total);
  const allocation = quotas.map(Math.floor);
  const leftover = seats - allocation.reduce((sum, value) => sum + value, 0);
  const byRemainder = quotas
    .map((quota, index) => ({ index, remainder: quota - Math.floor(quota) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder.slice(0, leftover)) {
    allocation[index] = (allocation[index] ?? 0) + 1;
  }
  return allocation;
}

export type { StratifiedUser };
export { sampleSimulationUsers, stratifyUsers };
