export { itemPopularityPercentiles, midRankPercentile } from './percentiles.js';
export type {
  CatalogItem,
  DatasetView,
  ItemCatalog,
  PreparedView,
  PreparedViewFiles,
  ViewUser,
} from './preparedView.js';
export {
  datasetViewSchema,
  parsePreparedView,
  VIEW_FORMAT,
  viewManifestSchema,
} from './preparedView.js';
