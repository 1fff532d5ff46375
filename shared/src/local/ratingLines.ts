import type { Rating, RatingsDataset } from '../core/simulation/index.js';
import { ContractViolationError } from '../errors.js';

/**
 * MovieLens rating lines (`user item rating timestamp`, split by `separator`: a tab in ml-100k's
 * u.data, `::` in ml-1m's ratings.dat) as each user's ratings in time order, ties in file order;
 * users ascend by id. A line out of shape fails with its line number and `expected`.
 */
function parseRatingLines(
  path: string,
  lines: readonly string[],
  options: { readonly separator: string; readonly numItems: number; readonly expected: string }
): RatingsDataset['users'] {
  const { separator, numItems } = options;
  const byUser = new Map<number, Rating[]>();
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const [user = Number.NaN, item = Number.NaN, rating = Number.NaN, timestamp = Number.NaN] = line
      .split(separator)
      .map(Number);
    const valid =
      Number.isInteger(user) &&
      Number.isInteger(item) &&
      item >= 1 &&
      item <= numItems &&
      Number.isInteger(rating) &&
      rating >= 1 &&
      rating <= 5 &&
      Number.isFinite(timestamp);
    if (!valid) throw malformedLine(path, index, options.expected);
    const ratings = byUser.get(user) ?? [];
    ratings.push({ item, rating, timestamp });
    byUser.set(user, ratings);
  });
  // Array.prototype.sort is stable, so equal timestamps keep their file order.
  return [...byUser.keys()]
    .sort((a, b) => a - b)
    .map((user) => ({
      user,
      ratings: (byUser.get(user) ?? []).sort((a, b) => a.timestamp - b.timestamp),
    }));
}

/** A malformed line of a data file, numbered from 1. */
function malformedLine(path: string, index: number, message: string): ContractViolationError {
  return new ContractViolationError(path, [{ path: [index + 1], message }]);
}

export { malformedLine, parseRatingLines };
