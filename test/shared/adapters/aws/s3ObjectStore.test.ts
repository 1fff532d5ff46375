import { beforeAll, describe, expect, it } from 'vitest';
import { createS3ObjectStore } from '../../../../shared/src/adapters/aws/index.js';
import { ensureLocalTableAndBucket } from '../../../../shared/src/local/embeddedServers.js';
import { useEmbeddedAws } from '../../../helpers/embeddedAws.js';

const bucket = 'evolverec-test';
const aws = useEmbeddedAws('s3');

beforeAll(async () => {
  await ensureLocalTableAndBucket(aws.clients(), { tableName: 'runs', bucket });
});

describe('createS3ObjectStore', () => {
  it('puts text and bytes and gets them back; a missing key is undefined', async () => {
    // Prepare
    const store = createS3ObjectStore({ client: aws.clients().s3, bucket });
    const bytes = new Uint8Array([0, 1, 2, 255]);

    // Act
    await store.put('round-trip/text.json', '{"ndcg": 0.1}\n');
    await store.put('round-trip/bytes.bin', bytes);

    // Assert
    const text = await store.get('round-trip/text.json');
    expect(new TextDecoder().decode(text)).toBe('{"ndcg": 0.1}\n');
    expect(await store.get('round-trip/bytes.bin')).toEqual(bytes);
    expect(await store.get('round-trip/absent.json')).toBeUndefined();
  });

  it('lists every key under a prefix, sorted, over several pages', async () => {
    // Prepare
    const store = createS3ObjectStore({ client: aws.clients().s3, bucket, listPageSize: 4 });
    const keys = Array.from(
      { length: 25 },
      (_, index) => `paged/key-${String(index).padStart(2, '0')}`
    );
    for (const key of [...keys].reverse()) await store.put(key, key);
    await store.put('paged-sibling/outside', 'not under the prefix');

    // Act
    const listed = await store.list('paged/');

    // Assert
    expect(listed).toEqual(keys);
    expect(await store.list('nothing-here/')).toEqual([]);
  });

  it('names objects by s3 URI', () => {
    const store = createS3ObjectStore({ client: aws.clients().s3, bucket });

    expect(store.uri('runs/r1/report.json')).toBe('s3://evolverec-test/runs/r1/report.json');
  });
});
