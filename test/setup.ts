import { vi } from 'vitest';

// Tests assert on results, not on log noise.
for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  vi.spyOn(console, method).mockImplementation(() => undefined);
}
