import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { ObjectStore } from '../../engine/index.js';

interface S3ObjectStoreOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** Keys per ListObjectsV2 page; S3's own (1000) when absent. Tests use a few to page. */
  readonly listPageSize?: number;
}

/** The ObjectStore of a bucket: S3 in the cloud, s3rver on loopback locally. */
function createS3ObjectStore({ client, bucket, listPageSize }: S3ObjectStoreOptions): ObjectStore {
  return {
    async put(key, body) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    },

    async get(key) {
      try {
        const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return (await response.Body?.transformToByteArray()) ?? new Uint8Array();
      } catch (error) {
        if (isMissingObject(error)) return undefined;
        throw error;
      }
    },

    async list(prefix) {
      const keys: string[] = [];
      let continuationToken: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            ContinuationToken: continuationToken,
            MaxKeys: listPageSize,
          })
        );
        for (const object of page.Contents ?? []) {
          if (object.Key !== undefined) keys.push(object.Key);
        }
        continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (continuationToken !== undefined);
      return keys.sort();
    },

    uri(key) {
      return `s3://${bucket}/${key}`;
    },

    signedUrl(key, method, expiresInSeconds) {
      const command =
        method === 'GET'
          ? new GetObjectCommand({ Bucket: bucket, Key: key })
          : new PutObjectCommand({ Bucket: bucket, Key: key });
      return getSignedUrl(client, command, { expiresIn: expiresInSeconds });
    },
  };
}

/** NoSuchKey from S3 proper; a bare 404 from servers (and HEAD-like paths) that send no code. */
function isMissingObject(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error.name === 'NoSuchKey' || status === 404;
}

export type { S3ObjectStoreOptions };
export { createS3ObjectStore };
