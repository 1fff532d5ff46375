/** A published full-ranking result a run's test figures can be read against. */
interface PublishedAnchor {
  readonly model: string;
  readonly 'test_hr@10': number;
  readonly 'test_ndcg@10': number;
  readonly source: string;
}

/**
 * The published anchors of docs/protocol.md: ML-1M with the standard SASRec preprocessing,
 * leave-one-out, full ranking. Only ML-1M has them; other data sets are compared with nothing.
 */
const PUBLISHED_ANCHORS: Readonly<Record<string, readonly PublishedAnchor[]>> = {
  'ml-1m': [
    {
      model: 'MostPop',
      'test_hr@10': 0.0363,
      'test_ndcg@10': 0.0178,
      source: 'computed on the same file',
    },
    {
      model: 'SASRec (BCE, 1 negative per position)',
      'test_hr@10': 0.25,
      'test_ndcg@10': 0.1341,
      source: 'Klenitskiy & Vasilev 2023',
    },
    {
      model: 'SASRec (BCE, 1 negative)',
      'test_hr@10': 0.2392,
      'test_ndcg@10': 0.1259,
      source: 'gSASRec-pytorch README (Petrov & Macdonald 2023)',
    },
    {
      model: 'BERT4Rec',
      'test_hr@10': 0.2843,
      'test_ndcg@10': 0.1537,
      source: 'Klenitskiy & Vasilev 2023',
    },
    {
      model: 'gSASRec (256 negatives, t = 0.75)',
      'test_hr@10': 0.3003,
      'test_ndcg@10': 0.1726,
      source: 'Petrov & Macdonald 2023',
    },
    {
      model: 'SASRec+ (full cross-entropy)',
      'test_hr@10': 0.3152,
      'test_ndcg@10': 0.1821,
      source: 'Klenitskiy & Vasilev 2023',
    },
    {
      model: 'SASRec+ (3,000 sampled negatives)',
      'test_hr@10': 0.3159,
      'test_ndcg@10': 0.1857,
      source: 'Klenitskiy & Vasilev 2023',
    },
    {
      model: 'HSTU-large (its own preprocessing)',
      'test_hr@10': 0.3294,
      'test_ndcg@10': 0.1893,
      source: 'generative-recommenders README',
    },
  ],
};

/** The anchors of a data set; none for a data set without published full-ranking results. */
function publishedAnchors(dataset: string): readonly PublishedAnchor[] {
  return Object.hasOwn(PUBLISHED_ANCHORS, dataset) ? (PUBLISHED_ANCHORS[dataset] ?? []) : [];
}

export type { PublishedAnchor };
export { publishedAnchors };
