import { z } from 'zod';

/** Flag values every bench validates the same way (flags arrive as strings). */
const positiveCountFlag = z
  .string()
  .regex(/^[1-9]\d*$/, 'must be a positive integer')
  .transform(Number);

/** A dataset name, which also names a cache folder: one safe path segment. */
const datasetNameFlag = z.string().regex(/^[\w][\w.-]*$/, 'must be a dataset name like ml-1m');

export { datasetNameFlag, positiveCountFlag };
