import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // CDK synthesis and the one-off torch export of the ONNX fixture take seconds, not millis.
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
