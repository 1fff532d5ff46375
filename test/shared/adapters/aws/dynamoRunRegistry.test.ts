import { beforeEach, describe, expect, it } from 'vitest';
import { createDynamoRunRegistry } from '../../../../shared/src/adapters/aws/index.js';
import { runConfigSchema } from '../../../../shared/src/core/evolution/index.js';
import type { RunRecord } from '../../../../shared/src/core/runs/index.js';
import type { RunRegistry } from '../../../../shared/src/engine/index.js';
import { InvalidArgumentError } from '../../../../shared/src/errors.js';
import { ensureLocalTableAndBucket } from '../../../../shared/src/local/embeddedServers.js';
import { useEmbeddedAws } from '../../../helpers/embeddedAws.js';

const aws = useEmbeddedAws('registry');
let registry: RunRegistry;
let tables = 0;

// A table per test: listings over every team see only that test's runs.
beforeEach(async () => {
  tables += 1;
  const tableName = `runs-${tables}`;
  await ensureLocalTableAndBucket(aws.clients(), { tableName, bucket: 'evolverec-test' });
  registry = createDynamoRunRegistry({ client: aws.clients().documents, tableName });
});

const config = runConfigSchema.parse({ strategy: 'nas', dataset: 'ml-100k' });

function run(runId: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    runId,
    team: 'recsys',
    status: 'queued',
    createdAt: '2026-11-26T00:00:00.000Z',
    updatedAt: '2026-11-26T00:00:00.000Z',
    config,
    generation: 0,
    usd: 0,
    ...overrides,
  };
}

/** Five runs of one team, a minute apart: run-1 oldest, run-5 newest. */
function fiveRuns(team: string): RunRecord[] {
  return [1, 2, 3, 4, 5].map((minute) =>
    run(`${team}-run-${minute}`, { team, createdAt: `2026-11-26T00:0${minute}:00.000Z` })
  );
}

async function allPages(query: { team?: string; limit: number }): Promise<RunRecord[][]> {
  const pages: RunRecord[][] = [];
  let cursor: string | undefined;
  do {
    const page = await registry.listRuns({ ...query, ...(cursor === undefined ? {} : { cursor }) });
    pages.push([...page.runs]);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return pages;
}

describe('createDynamoRunRegistry', () => {
  it('creates a run once: a second create is refused and changes nothing', async () => {
    // Prepare
    // An absent optional field may come as undefined: it is left out of the item.
    const first = run('run-a', { executionArn: 'arn:local:run-a', stopReason: undefined });

    // Act
    const created = await registry.createRun(first);
    const again = await registry.createRun(run('run-a', { team: 'other', status: 'running' }));

    // Assert
    expect(created).toBe(true);
    expect(again).toBe(false);
    expect(await registry.getRun('run-a')).toEqual(
      run('run-a', { executionArn: 'arn:local:run-a' })
    );
    expect(await registry.getRun('run-b')).toBeUndefined();
  });

  it('updates a run only from the given statuses, returning the updated record', async () => {
    // Prepare
    await registry.createRun(run('run-a'));
    const changes = {
      status: 'running',
      executionArn: 'arn:local:run-a',
      updatedAt: '2026-11-26T01:00:00.000Z',
    } as const;

    // Act
    const refused = await registry.updateRun('run-a', { status: 'cancelled' }, ['running']);
    const unchanged = await registry.getRun('run-a');
    const updated = await registry.updateRun('run-a', changes, ['queued']);
    const missing = await registry.updateRun('run-z', changes);

    // Assert
    expect(refused).toBeUndefined();
    expect(unchanged).toEqual(run('run-a'));
    expect(updated).toEqual(run('run-a', changes));
    expect(await registry.getRun('run-a')).toEqual(updated);
    expect(missing).toBeUndefined();
    expect(await registry.getRun('run-z')).toBeUndefined();
  });

  it("walks a team's runs newest first, page by page, without duplicates", async () => {
    // Prepare
    for (const record of [...fiveRuns('recsys'), ...fiveRuns('search')]) {
      await registry.createRun(record);
    }

    // Act
    const pages = await allPages({ team: 'recsys', limit: 2 });

    // Assert
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat().map((record) => record.runId)).toEqual([
      'recsys-run-5',
      'recsys-run-4',
      'recsys-run-3',
      'recsys-run-2',
      'recsys-run-1',
    ]);
  });

  it("walks every team's runs newest first, page by page, without duplicates", async () => {
    // Prepare
    const runs = [...fiveRuns('recsys'), ...fiveRuns('search')];
    for (const record of runs) await registry.createRun(record);

    // Act
    const pages = await allPages({ limit: 3 });

    // Assert
    expect(pages.map((page) => page.length)).toEqual([3, 3, 3, 1]);
    const listed = pages.flat().map((record) => record.runId);
    expect(listed).toEqual([
      'search-run-5',
      'recsys-run-5',
      'search-run-4',
      'recsys-run-4',
      'search-run-3',
      'recsys-run-3',
      'search-run-2',
      'recsys-run-2',
      'search-run-1',
      'recsys-run-1',
    ]);
  });

  it('lists fifty runs a page by default, and refuses a cursor it did not give', async () => {
    // Prepare
    await registry.createRun(run('run-a'));

    // Act
    const page = await registry.listRuns({ team: 'recsys' });

    // Assert
    expect(page).toEqual({ runs: [run('run-a')] });
    await expect(registry.listRuns({ cursor: 'not-a-cursor' })).rejects.toThrow(
      InvalidArgumentError
    );
  });

  it("refuses, in one team's listing, a cursor of another team's", async () => {
    // Prepare
    for (const record of [...fiveRuns('recsys'), ...fiveRuns('search')]) {
      await registry.createRun(record);
    }
    const { cursor } = await registry.listRuns({ team: 'search', limit: 2 });

    // Act
    const listing = registry.listRuns({ team: 'recsys', limit: 2, cursor });

    // Assert
    expect(cursor).toBeDefined();
    await expect(listing).rejects.toThrow(InvalidArgumentError);
  });

  it("counts a team's runs with the given statuses", async () => {
    // Prepare
    await registry.createRun(run('run-a', { status: 'running' }));
    await registry.createRun(run('run-b', { status: 'running' }));
    await registry.createRun(run('run-c', { status: 'queued' }));
    await registry.createRun(run('run-d', { status: 'running', team: 'search' }));

    // Act
    const running = await registry.countRuns('recsys', ['running']);
    const active = await registry.countRuns('recsys', ['queued', 'running']);

    // Assert
    expect(running).toBe(2);
    expect(active).toBe(3);
    expect(await registry.countRuns('recsys', [])).toBe(0);
    expect(await registry.countRuns('nobody', ['running'])).toBe(0);
  });
});
