import type { TapTensor } from './scoringModel.js';

/** Joins per-batch parts of a tap along its first (batch) axis. */
function concatBatchParts(parts: readonly TapTensor[]): TapTensor {
  const [first, ...rest] = parts;
  if (first === undefined) throw new RangeError('concatBatchParts needs at least one part');
  if (rest.length === 0) return first;
  const data = new Float32Array(parts.reduce((total, part) => total + part.data.length, 0));
  let offset = 0;
  for (const part of parts) {
    data.set(part.data, offset);
    offset += part.data.length;
  }
  const rows = parts.reduce((total, part) => total + (part.dims[0] ?? 0), 0);
  return { dims: [rows, ...first.dims.slice(1)], data };
}

export { concatBatchParts };
