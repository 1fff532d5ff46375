import { z } from 'zod';

/** One number per probe, by probe name. */
type ProbeFigures = Readonly<Record<string, number>>;

/** At most this many probes per script: the figures go into prompts and archive records. */
const MAX_PROBES = 64;

/** A probe name is a JavaScript identifier of at most 64 characters. */
const PROBE_NAME = /^[A-Za-z_$][\w$]{0,63}$/;

/**
 * JSON cannot carry NaN or ±Infinity, so the sandbox writes them as these strings; they parse
 * back to numbers here, so that the acceptance rules can name the probe that produced one.
 */
const nonFiniteSchema = z.enum(['NaN', 'Infinity', '-Infinity']).transform(Number);

/** The JSON value a probes.js run returns, as the sandbox reads it back. */
const probeOutputSchema = z
  .record(
    z.string(),
    z.union([z.number(), nonFiniteSchema], { error: 'a figure must be a number' })
  )
  .superRefine((figures, context) => {
    const names = Object.keys(figures);
    if (names.length === 0) {
      context.addIssue({ code: 'custom', message: 'probes(input) returned no figures' });
    }
    if (names.length > MAX_PROBES) {
      const message = `probes(input) returned ${names.length} figures, more than ${MAX_PROBES}`;
      context.addIssue({ code: 'custom', message });
    }
    for (const name of names.filter((candidate) => !PROBE_NAME.test(candidate))) {
      const message = 'a probe name must be an identifier of at most 64 characters';
      context.addIssue({ code: 'custom', path: [name], message });
    }
  });

export type { ProbeFigures };
export { MAX_PROBES, probeOutputSchema };
