import { z } from 'zod';
import type { PageVerdict, Signal } from './userSimulator.js';
import { signalSchema } from './userSimulator.js';

/** Bounds on what one LLM user's words may add to stored feedback. */
const MAX_REASON_CHARS = 300;
const MAX_STATEMENTS = 5;

const signalListSchema = z.array(z.string().trim().toLowerCase().pipe(signalSchema));

/**
 * The simulated user's answer for a page of `pageSize` items: one entry per position 1..pageSize,
 * each exactly once; a watched item must carry its rating.
 */
function simulatedUserAnswerSchema(pageSize: number) {
  return z
    .object({
      items: z.array(
        z.object({
          position: z.int().min(1).max(pageSize),
          watch: z.boolean(),
          rating: z.int().min(1).max(5).nullable(),
          reason: z.string().trim().min(1),
        })
      ),
      interview: z.object({
        fits: z.array(z.string()),
        misses: z.array(z.string()),
        overused_signals: signalListSchema,
        underused_signals: signalListSchema,
      }),
    })
    .superRefine((answer, context) => {
      const positions = new Set(answer.items.map((entry) => entry.position));
      if (answer.items.length !== pageSize || positions.size !== pageSize) {
        context.addIssue({
          code: 'custom',
          path: ['items'],
          message: `needs exactly one entry for each position 1..${pageSize}`,
        });
      }
      answer.items.forEach((entry, index) => {
        if (entry.watch && entry.rating === null) {
          context.addIssue({
            code: 'custom',
            path: ['items', index, 'rating'],
            message: 'a watched item needs a rating from 1 to 5',
          });
        }
      });
    });
}

type SimulatedUserAnswer = z.output<ReturnType<typeof simulatedUserAnswerSchema>>;

/** The verdict in page order, with the user's words bounded in length and number. */
function pageVerdictOf(answer: SimulatedUserAnswer, page: readonly number[]): PageVerdict {
  const byPosition = new Map(answer.items.map((entry) => [entry.position, entry]));
  const statements = (list: readonly string[]) =>
    list
      .map((text) => text.trim())
      .filter((text) => text !== '')
      .slice(0, MAX_STATEMENTS)
      .map(bounded);
  const unique = (signals: readonly Signal[]) => [...new Set(signals)];
  return {
    decisions: page.map((item, index) => {
      const entry = byPosition.get(index + 1);
      return {
        item,
        watched: entry?.watch ?? false,
        rating: entry?.rating ?? null,
        reason: bounded(entry?.reason ?? ''),
      };
    }),
    interview: {
      fits: statements(answer.interview.fits),
      misses: statements(answer.interview.misses),
      overusedSignals: unique(answer.interview.overused_signals),
      underusedSignals: unique(answer.interview.underused_signals),
    },
  };
}

function bounded(text: string): string {
  return text.length <= MAX_REASON_CHARS ? text : `${text.slice(0, MAX_REASON_CHARS - 1)}…`;
}

export type { SimulatedUserAnswer };
export { pageVerdictOf, simulatedUserAnswerSchema };
