import type { LlmMessage } from '../llm/index.js';
import { quoteAsData, renderTemplate } from '../proposal/index.js';
import type { PersonaTraits, SimulationPopulation } from './personaTraits.js';
import type { SimulationTemplates } from './simulationTemplates.js';
import type { PageRequest } from './userSimulator.js';

/** Genres named in the persona. */
const PERSONA_GENRES = 5;

/**
 * The simulated user's conversation for one page: the persona, the most recent `historyShown`
 * items of the visible history (most recent first), the earlier pages with the user's own
 * decisions, and the page. Titles and genres come from the dataset and may hold anything, so
 * every list is quoted as data. The user's future is never shown.
 */
function simulatedUserMessages(
  templates: SimulationTemplates,
  request: PageRequest,
  population: SimulationPopulation,
  historyShown: number
): LlmMessage[] {
  const describe = (item: number) => describeItem(item, population);
  const history = request.user.history.slice(-historyShown).reverse();
  const earlier = request.earlierPages.flat().map((decision) => {
    const verdict = decision.watched ? `watched, rated ${decision.rating ?? '-'}` : 'skipped';
    return `${describe(decision.item)} — you ${verdict}`;
  });
  const user = renderTemplate(templates['simulated-user'], {
    persona: quoteAsData('persona', personaText(request.user.persona)),
    history_shown: String(history.length),
    history_total: String(request.user.history.length),
    history: quoteAsData('history', numbered(history.map(describe))),
    earlier_pages:
      earlier.length === 0
        ? 'This is the first page you see.'
        : `Pages you already browsed:\n${quoteAsData('earlier pages', earlier.join('\n'))}`,
    page_number: String(request.pageNumber),
    page_size: String(request.page.length),
    page: quoteAsData(`page ${request.pageNumber}`, numbered(request.page.map(describe))),
  });
  return [
    { role: 'system', content: templates['simulated-user-system'] },
    { role: 'user', content: user },
  ];
}

function personaText(persona: PersonaTraits): string {
  const genres = persona.genreAffinities
    .slice(0, PERSONA_GENRES)
    .map(({ genre, share }) => `${genre} ${Math.round(share * 100)}%`)
    .join(', ');
  return [
    `Films watched: ${persona.historyLength} (more than ${percent(persona.activityPercentile)} of viewers)`,
    `Favourite genres (share of what you watched): ${genres || 'unknown'}`,
    `Genre variety: ${persona.genreDiversity.toFixed(2)} (0 = a single genre, 1 = every genre equally)`,
    `Taste for popular titles: ${persona.popularityConformity.toFixed(2)} (the average popularity percentile of what you watched; 0.5 is the middle of the catalogue)`,
  ].join('\n');
}

function describeItem(item: number, population: SimulationPopulation): string {
  const entry = population.catalog.items[item];
  const title = entry?.title || `item ${item}`;
  const genres = entry && entry.genres.length > 0 ? entry.genres.join(', ') : 'genre unknown';
  return `${title} — ${genres}`;
}

function numbered(lines: readonly string[]): string {
  return lines.map((line, index) => `${index + 1}. ${line}`).join('\n');
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export { simulatedUserMessages };
