import path from 'node:path';
import { Pool } from 'pg';
import { startEmbedded } from '../../src/db/embedded';
import { tempDir } from './job';
import { startS3rver, type TestS3 } from './s3rver';

/** What the function meets in AWS, here: S3 and a Postgres server. */
export interface LambdaWorld {
  s3: TestS3;
  /** A pool on the run log's database, to read what the function logged. */
  pool: Pool;
  close(): Promise<void>;
}

/**
 * Starts a real S3-compatible server with the bucket, and points the PG*
 * variables at the server in PGHOST, or else at an embedded Postgres
 * served over the wire. Sets the environment the function reads.
 */
export async function startLambdaWorld(bucket: string): Promise<LambdaWorld> {
  const s3 = await startS3rver([bucket]);
  Object.assign(process.env, {
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET_NAME: bucket,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
  });
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!process.env.PGHOST) {
    const server = await startEmbedded(path.join(tempDir(), 'pgdata'), {
      maxConnections: 4,
    });
    stopEmbedded = server.stop;
    const config = server.config as { host: string; port: number };
    Object.assign(process.env, {
      PGHOST: config.host,
      PGPORT: String(config.port),
      PGUSER: 'postgres',
      PGDATABASE: 'postgres',
    });
  }
  const pool = new Pool({ max: 1 });
  return {
    s3,
    pool,
    close: async () => {
      await pool.end();
      await s3.close();
      await stopEmbedded?.();
    },
  };
}
