import { z } from 'zod';

/**
 * A field the API takes from the caller's IAM identity, never from the request: absent, or a 400
 * naming it (`team: is not accepted: …`).
 */
const notFromRequest = z
  .never({
    error: "is not accepted: a run's team is its caller's, from the caller's IAM identity",
  })
  .optional();

export { notFromRequest };
