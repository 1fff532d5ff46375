import type { ProgramRecord } from '../evolution/index.js';
import type { Markup } from './html.js';
import { html } from './html.js';

const ROW_HEIGHT = 90;
const COLUMN_WIDTH = 64;
const MARGIN = 40;
const RADIUS = 14;

/** Low to high score (a sequential scale readable by colour-blind readers, after viridis). */
const SCORE_COLOURS = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'] as const;
const FAILED_COLOUR = '#d62728';
const REJECTED_COLOUR = '#9e9e9e';

/** Failures of a candidate that never reached training: not the program's fault as code. */
const REJECTED_STAGES: ReadonlySet<string> = new Set(['duplicate', 'budget']);

interface TreeNode {
  readonly record: ProgramRecord;
  readonly x: number;
  readonly y: number;
}

/**
 * Places the programs in rows by generation; within a row children sit in the order of their
 * parents' places, so edges cross as little as a simple layout allows.
 */
function layoutTree(records: readonly ProgramRecord[]): { nodes: TreeNode[]; width: number } {
  const generations = [...new Set(records.map((record) => record.generation))].sort(
    (a, b) => a - b
  );
  const widest = Math.max(
    1,
    ...generations.map((g) => records.filter((record) => record.generation === g).length)
  );
  const width = MARGIN * 2 + (widest - 1) * COLUMN_WIDTH;
  const placed = new Map<string, number>();
  const nodes: TreeNode[] = [];
  generations.forEach((generation, row) => {
    const members = records
      .filter((record) => record.generation === generation)
      .sort(
        (a, b) =>
          parentPlace(a, placed) - parentPlace(b, placed) ||
          (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
      );
    const start = (width - (members.length - 1) * COLUMN_WIDTH) / 2;
    members.forEach((record, index) => {
      const x = start + index * COLUMN_WIDTH;
      placed.set(record.id, x);
      nodes.push({ record, x, y: MARGIN + row * ROW_HEIGHT });
    });
  });
  return { nodes, width };
}

function parentPlace(record: ProgramRecord, placed: ReadonlyMap<string, number>): number {
  return record.parentId === null ? 0 : (placed.get(record.parentId) ?? 0);
}

/** A colour between the scale's stops for a score in [low, high]. */
function scoreColour(score: number, low: number, high: number): string {
  const share = high > low ? (score - low) / (high - low) : 1;
  const at = Math.min(Math.max(share, 0), 1) * (SCORE_COLOURS.length - 1);
  const index = Math.min(Math.floor(at), SCORE_COLOURS.length - 2);
  const from = rgb(SCORE_COLOURS[index] ?? SCORE_COLOURS[0]);
  const to = rgb(SCORE_COLOURS[index + 1] ?? SCORE_COLOURS[0]);
  const mix = (a: number, b: number) => Math.round(a + (b - a) * (at - index));
  return `rgb(${mix(from[0], to[0])}, ${mix(from[1], to[1])}, ${mix(from[2], to[2])})`;
}

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((offset) => Number.parseInt(hex.slice(offset, offset + 2), 16)) as [
    number,
    number,
    number,
  ];
}

/** The lowest and highest validation NDCG@10 of the programs that trained. */
function scoreRange(records: readonly ProgramRecord[]): [number, number] {
  const scores = records.flatMap((record) =>
    record.status === 'ok' ? [record.metrics['val_ndcg@10'] ?? 0] : []
  );
  return scores.length === 0 ? [0, 0] : [Math.min(...scores), Math.max(...scores)];
}

/** How a program shows in the tree: its colour, and the text its hover title gives. */
function nodeLook(
  record: ProgramRecord,
  low: number,
  high: number
): { fill: string; title: string; rejected: boolean } {
  if (record.status === 'failed') {
    const stage = record.failure?.stage ?? 'unknown';
    const rejected = REJECTED_STAGES.has(stage);
    return {
      fill: rejected ? REJECTED_COLOUR : FAILED_COLOUR,
      title: `${record.id}: ${rejected ? 'rejected' : 'failed'} at ${stage}: ${record.failure?.reason ?? ''}`,
      rejected,
    };
  }
  const score = record.metrics['val_ndcg@10'] ?? 0;
  return {
    fill: scoreColour(score, low, high),
    title: `${record.id}: val NDCG@10 ${score.toFixed(4)}${record.idea ? ` — ${record.idea}` : ''}`,
    rejected: false,
  };
}

/**
 * The evolution tree as SVG: one row per generation, an edge from each parent to its child, each
 * program a circle coloured by its validation NDCG@10 (failed ones red, rejected ones grey and
 * hollow) that links to the program's details.
 */
function evolutionTreeSvg(records: readonly ProgramRecord[]): Markup {
  const { nodes, width } = layoutTree(records);
  const [low, high] = scoreRange(records);
  const height = MARGIN * 2 + (Math.max(0, ...nodes.map((node) => node.y)) - MARGIN);
  const at = new Map(nodes.map((node) => [node.record.id, node]));
  const edges = nodes.flatMap((node) => {
    const parent = node.record.parentId === null ? undefined : at.get(node.record.parentId);
    return parent === undefined
      ? []
      : [
          html`<line x1=${parent.x} y1=${parent.y} x2=${node.x} y2=${node.y}
            stroke="#888" stroke-width="1.5" />`,
        ];
  });
  const circles = nodes.map((node) => {
    const look = nodeLook(node.record, low, high);
    const label = node.record.id.slice(node.record.id.lastIndexOf('-') + 1);
    return html`<a href=${`#program-${node.record.id}`} data-program=${node.record.id}
      data-status=${node.record.status}>
      <circle cx=${node.x} cy=${node.y} r=${RADIUS} fill=${look.rejected ? 'white' : look.fill}
        stroke=${look.rejected ? look.fill : '#333'} stroke-width=${look.rejected ? 2.5 : 1}
        stroke-dasharray=${look.rejected ? '4 3' : undefined}>
        <title>${look.title}</title>
      </circle>
      <text x=${node.x} y=${node.y + RADIUS + 13} text-anchor="middle" font-size="11">${label}</text>
    </a>`;
  });
  const rows = [...new Set(nodes.map((node) => node.y))].map(
    (y, row) => html`<text x="4" y=${y + 4} font-size="11" fill="#666">${`g${row}`}</text>`
  );
  return html`<svg class="tree" viewBox=${`0 0 ${width} ${height}`} width=${width}
    height=${height} role="img" aria-label="evolution tree">
    ${rows}${edges}${circles}
  </svg>`;
}

/** The colour scale's legend: the scores its ends stand for. */
function scoreLegend(records: readonly ProgramRecord[]): Markup {
  const [low, high] = scoreRange(records);
  const gradient = `linear-gradient(to right, ${SCORE_COLOURS.join(', ')})`;
  return html`<p class="legend">
    ${`val NDCG@10 ${low.toFixed(4)} `}<span class="scale" style=${{ background: gradient }}></span
    >${` ${high.toFixed(4)} · `}<span class="swatch" style=${{ background: FAILED_COLOUR }}></span
    >${' failed · '}<span class="swatch rejected"></span>${' rejected (near-duplicate, budget)'}
  </p>`;
}

export { evolutionTreeSvg, REJECTED_STAGES, scoreColour, scoreLegend };
