import { z } from 'zod';
import type { UserSession } from './browsePages.js';

/**
 * The numeric figures of one candidate's simulation:
 * - viewRate: watched items / shown items, pooled over users (shown = every item of every
 *   page browsed);
 * - meanRating: mean rating of the watched items, pooled; 0 when nothing was watched;
 * - satisfaction: mean over users of their rating-weighted watched share,
 *   Σ over watched items of (rating − 1) / 4, divided by the items shown to them; in [0, 1]:
 *   1 when every shown item was watched and rated 5, 0 when nothing was watched (or all rated 1).
 *   It rewards finding items the user likes, and finding them without many misses;
 * - exitDepth: mean number of pages browsed before leaving (1..maxPages);
 * - users / failedUsers: users simulated, and those whose simulator failed (left out of the
 *   figures above, never faked).
 */
const simulationFiguresSchema = z
  .object({
    viewRate: z.number().min(0).max(1),
    meanRating: z.number().min(0).max(5),
    satisfaction: z.number().min(0).max(1),
    exitDepth: z.number().min(0),
    users: z.int().min(0),
    failedUsers: z.int().min(0),
  })
  .strict();

type SimulationFigures = z.infer<typeof simulationFiguresSchema>;

function simulationFigures(
  sessions: readonly UserSession[],
  failedUsers: number
): SimulationFigures {
  let shown = 0;
  let watched = 0;
  let ratingSum = 0;
  let rated = 0;
  let satisfaction = 0;
  let pages = 0;
  for (const session of sessions) {
    const decisions = session.pages.flat();
    const ratings = decisions.flatMap((decision) =>
      decision.watched && decision.rating !== null ? [decision.rating] : []
    );
    const userWatched = decisions.filter((decision) => decision.watched).length;
    const userRatingSum = ratings.reduce((sum, rating) => sum + rating, 0);
    shown += decisions.length;
    watched += userWatched;
    ratingSum += userRatingSum;
    rated += ratings.length;
    pages += session.pages.length;
    const liking = ratings.reduce((sum, rating) => sum + (rating - 1) / 4, 0);
    satisfaction += decisions.length === 0 ? 0 : liking / decisions.length;
  }
  const users = sessions.length;
  return {
    viewRate: shown === 0 ? 0 : watched / shown,
    meanRating: rated === 0 ? 0 : ratingSum / rated,
    satisfaction: users === 0 ? 0 : satisfaction / users,
    exitDepth: users === 0 ? 0 : pages / users,
    users: users + failedUsers,
    failedUsers,
  };
}

export type { SimulationFigures };
export { simulationFigures, simulationFiguresSchema };
