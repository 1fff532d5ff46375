/** A program: file name (`model.py`, `probes.js`) to its text. */
type ProgramFiles = Readonly<Record<string, string>>;

export type { ProgramFiles };
