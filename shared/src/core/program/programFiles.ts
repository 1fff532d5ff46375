/** A program: file name (`model.py`, `probes.js`) to its text. */
type ProgramFiles = Readonly<Record<string, string>>;

/** The files a program may have; model.py is required, probes.js joins with co-evolution. */
const PROGRAM_FILE_NAMES = ['model.py', 'probes.js'] as const;

export type { ProgramFiles };
export { PROGRAM_FILE_NAMES };
