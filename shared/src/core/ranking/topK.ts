/** The K best items of one score row, best first. */
interface Ranking {
  readonly items: number[];
  readonly scores: number[];
}

/**
 * Selects the k highest-scoring items of a score row (column j is item id j + 1), skipping the
 * ids in `exclude`; equal scores rank the lower item id first, NaN scores never rank.
 *
 * A bounded min-heap of size k keeps the work at O(n log k): with k ≪ n most columns lose one
 * comparison against the heap's weakest entry and are never touched again, which keeps full
 * ranking of thousands of users cheap.
 */
function topK(row: ArrayLike<number>, k: number, exclude?: ReadonlySet<number>): Ranking {
  const heap = new BoundedHeap(k);
  for (let column = 0; column < row.length; column += 1) {
    const score = row[column] as number;
    const item = column + 1;
    if (heap.accepts(score, item) && !exclude?.has(item)) {
      heap.push(score, item);
    }
  }
  return heap.drainBestFirst();
}

/** Fixed-capacity min-heap whose root is the weakest kept entry (lowest score, highest id). */
class BoundedHeap {
  private readonly scores: Float64Array;
  private readonly items: Int32Array;
  private size = 0;

  constructor(private readonly capacity: number) {
    this.scores = new Float64Array(capacity);
    this.items = new Int32Array(capacity);
  }

  accepts(score: number, item: number): boolean {
    if (Number.isNaN(score) || this.capacity === 0) return false;
    return this.size < this.capacity || this.beats(score, item, 0);
  }

  push(score: number, item: number): void {
    if (this.size < this.capacity) {
      this.place(this.size, score, item);
      this.size += 1;
      this.siftUp(this.size - 1);
      return;
    }
    this.place(0, score, item);
    this.siftDown(0);
  }

  drainBestFirst(): Ranking {
    const order = Array.from({ length: this.size }, (_, slot) => slot).sort((a, b) =>
      this.beats(this.scores[a] as number, this.items[a] as number, b) ? -1 : 1
    );
    return {
      items: order.map((slot) => this.items[slot] as number),
      scores: order.map((slot) => this.scores[slot] as number),
    };
  }

  /** Whether (score, item) ranks above the entry in `slot`. */
  private beats(score: number, item: number, slot: number): boolean {
    const other = this.scores[slot] as number;
    return score > other || (score === other && item < (this.items[slot] as number));
  }

  private place(slot: number, score: number, item: number): void {
    this.scores[slot] = score;
    this.items[slot] = item;
  }

  private swap(a: number, b: number): void {
    const score = this.scores[a] as number;
    const item = this.items[a] as number;
    this.place(a, this.scores[b] as number, this.items[b] as number);
    this.place(b, score, item);
  }

  private siftUp(start: number): void {
    let slot = start;
    while (slot > 0) {
      const parent = (slot - 1) >> 1;
      // The weaker entry moves up: stop once the parent is already the weaker one.
      if (this.beats(this.scores[slot] as number, this.items[slot] as number, parent)) return;
      this.swap(slot, parent);
      slot = parent;
    }
  }

  private siftDown(start: number): void {
    let slot = start;
    for (;;) {
      const left = 2 * slot + 1;
      const weakest = this.weaker(this.weaker(slot, left), left + 1);
      if (weakest === slot) return;
      this.swap(slot, weakest);
      slot = weakest;
    }
  }

  /** The weaker of two slots; a slot past the heap's end never wins. */
  private weaker(slot: number, candidate: number): number {
    if (candidate >= this.size) return slot;
    const beatsCandidate = this.beats(
      this.scores[slot] as number,
      this.items[slot] as number,
      candidate
    );
    return beatsCandidate ? candidate : slot;
  }
}

export type { Ranking };
export { topK };
