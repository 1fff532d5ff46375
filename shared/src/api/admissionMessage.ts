import { z } from 'zod';
import { runIdSchema } from '../core/runs/index.js';

/** The admission queue's message body: which run asks to be admitted. */
const admissionMessageSchema = z.object({ runId: runIdSchema }).strict();

type AdmissionMessage = z.infer<typeof admissionMessageSchema>;

export type { AdmissionMessage };
export { admissionMessageSchema };
