import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { optionalBoolean, optionalString, type Env } from '../env';
import { EnvironmentError, StoreError } from '../errors';
import { objectExists } from './s3-objects';
import { MANIFEST, S3Run } from './s3-run';
import { joinKey, parseS3Uri } from './s3-uri';
import type { RunOutput, Store } from './types';

export {
  listKeys,
  objectExists,
  readS3Bytes,
  readS3Text,
  resolveNewest,
  type S3ObjectInfo,
} from './s3-objects';

/**
 * S3 client settings from the environment. S3_ENDPOINT points at an
 * S3-compatible server and then implies path-style addressing, which such
 * servers need, unless S3_FORCE_PATH_STYLE says otherwise. AWS_REGION
 * defaults to us-east-1. Credentials are left to the SDK's default chain
 * (environment, profile, container or instance role).
 * @throws EnvironmentError for a malformed S3_ENDPOINT or
 *   S3_FORCE_PATH_STYLE.
 */
export function s3ClientConfig(env: Env): S3ClientConfig {
  const endpoint = optionalString(env, 'S3_ENDPOINT');
  if (endpoint !== undefined && !/^https?:\/\/[^/\s]+/.test(endpoint)) {
    throw new EnvironmentError(
      `S3_ENDPOINT must be an http(s) URL, found "${endpoint}"`,
    );
  }
  return {
    region: optionalString(env, 'AWS_REGION') ?? 'us-east-1',
    forcePathStyle: optionalBoolean(
      env,
      'S3_FORCE_PATH_STYLE',
      endpoint !== undefined,
    ),
    ...(endpoint !== undefined && { endpoint }),
  };
}

/**
 * The process's S3 client. Entry points create one and share it: it holds
 * the connection pool and the resolved credentials.
 * @throws EnvironmentError as s3ClientConfig does.
 */
export function createS3Client(env: Env): S3Client {
  return new S3Client(s3ClientConfig(env));
}

/**
 * Runs written to `s3://bucket/prefix/<run id>/`. Files are uploaded
 * straight to their final keys and `manifest.json`, written last, marks a
 * run complete; a failed run is deleted, open multipart uploads included.
 */
export class S3Store implements Store {
  private readonly bucket: string;
  private readonly prefix: string;

  /** @throws StoreError for a malformed URI. */
  constructor(
    private readonly client: S3Client,
    private readonly uri: string,
  ) {
    const { bucket, key } = parseS3Uri(uri);
    this.bucket = bucket;
    this.prefix = joinKey(key);
  }

  /**
   * Starts a run. An id whose run is already complete is refused, since
   * a failure would then delete the complete run.
   * @throws StoreError when the run exists or the bucket cannot be read.
   */
  async begin(runId: string): Promise<RunOutput> {
    if (!runId || runId.includes('/') || runId === '.' || runId === '..') {
      throw new StoreError(
        `${this.uri}: run id "${runId}" is not a folder name`,
      );
    }
    const run = new S3Run(
      this.client,
      this.bucket,
      joinKey(this.prefix, runId) + '/',
    );
    if (!(await objectExists(this.client, run.locate(MANIFEST)))) return run;
    throw new StoreError(
      `${run.location}: already holds a complete run (${MANIFEST} exists)`,
    );
  }
}
