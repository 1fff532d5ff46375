import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConfigSchema, strategyNameSchema } from '../../shared/src/core/evolution/index.js';
import { repoRoot } from '../../shared/src/local/index.js';

const configsDir = join(repoRoot, 'configs');

describe('the example run configs', () => {
  it('cover every strategy, and each is a valid run config', async () => {
    // Prepare
    const names = (await readdir(configsDir)).filter((name) => name.endsWith('.json')).sort();

    // Act
    const configs = await Promise.all(
      names.map(async (name) =>
        runConfigSchema.parse(JSON.parse(await readFile(join(configsDir, name), 'utf8')))
      )
    );

    // Assert
    expect(new Set(configs.map((config) => config.strategy))).toEqual(
      new Set(strategyNameSchema.options)
    );
  });
});
