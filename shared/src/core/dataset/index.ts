export { itemPopularityPercentiles, midRankPercentile } from './percentiles.js';
export type {
  CatalogItem,
  ItemCatalog,
  PreparedView,
  PreparedViewFiles,
  ViewUser,
} from './preparedView.js';
export { parsePreparedView, viewManifestSchema } from './preparedView.js';
