/** The prompt template files (shared/prompts/<name>.md) the simulation uses. */
const SIMULATION_TEMPLATE_NAMES = [
  'simulated-user-system',
  'simulated-user',
  'critique-system',
  'critique',
  'json-retry',
] as const;

type SimulationTemplateName = (typeof SIMULATION_TEMPLATE_NAMES)[number];
type SimulationTemplates = Readonly<Record<SimulationTemplateName, string>>;

export type { SimulationTemplateName, SimulationTemplates };
export { SIMULATION_TEMPLATE_NAMES };
