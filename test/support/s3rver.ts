import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { s3ClientConfig } from '../../src/store/s3';

export interface TestS3 {
  endpoint: string;
  /** A client for the server; s3rver knows one access key, S3RVER. */
  client: S3Client;
  /** A fresh client, for tests that add middleware to it. */
  newClient(): S3Client;
  /** Sets an object's LastModified, which s3rver takes from the file. */
  setLastModified(bucket: string, key: string, time: Date): void;
  /**
   * Ids of the uploads under a key prefix whose parts s3rver still keeps
   * on disk, whatever ListMultipartUploads says.
   */
  openUploadFolders(bucket: string, prefix: string): string[];
  close(): Promise<void>;
}

/**
 * Starts a real s3rver in a child process on a free port, in a temp
 * folder, and creates the buckets. See s3rver-process.js for why it runs
 * apart and what it adds.
 */
export async function startS3rver(buckets: string[]): Promise<TestS3> {
  const directory = mkdtempSync(path.join(tmpdir(), 'fleetmocker-s3rver-'));
  const child = spawn(
    process.execPath,
    [
      '--openssl-legacy-provider',
      path.join(__dirname, 's3rver-process.js'),
      directory,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => resolve()),
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`s3rver exited with ${code} before listening`)),
    );
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve(JSON.parse(line).port),
    );
  });

  const endpoint = `http://127.0.0.1:${port}`;
  const clients: S3Client[] = [];
  const newClient = () => {
    const client = new S3Client({
      ...s3ClientConfig({ S3_ENDPOINT: endpoint }),
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    clients.push(client);
    return client;
  };
  const client = newClient();
  for (const bucket of buckets) {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  }

  return {
    endpoint,
    client,
    newClient,
    setLastModified: (bucket, key, time) => {
      const file = path.join(directory, bucket, `${key}._S3rver_object`);
      utimesSync(file, time, time);
    },
    openUploadFolders: (bucket, prefix) => {
      const folder = path.join(directory, bucket, '._S3rver_uploads');
      if (!existsSync(folder)) return [];
      return readdirSync(folder).filter((id) => {
        const keyFile = path.join(folder, id, 'key');
        // A part stored after its upload was removed leaves a folder
        // without a key: an upload left open as far as the disk goes.
        return (
          !existsSync(keyFile) ||
          readFileSync(keyFile, 'utf8').startsWith(prefix)
        );
      });
    },
    close: async () => {
      clients.forEach((c) => c.destroy());
      child.kill();
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
