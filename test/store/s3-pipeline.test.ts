import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { runJob } from '../../src/pipeline';
import { listKeys, readS3Text } from '../../src/store/s3';
import { bytesReaderFor, readerFor, storeFor } from '../../src/store/select';
import { jobOf, PERFORM, RecordingRunLog } from '../support/job';
import { startS3rver, type TestS3 } from '../support/s3rver';

const BUCKET = 'fleet-data';

let s3: TestS3;

beforeAll(async () => {
  s3 = await startS3rver([BUCKET]);
  await s3.client.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: `samples/${path.basename(PERFORM)}`,
      Body: readFileSync(PERFORM),
    }),
  );
});

afterAll(async () => {
  await s3?.close();
});

async function run(client: S3Client, runId: string) {
  const job = await jobOf([
    '--files',
    `s3://${BUCKET}/samples/${path.basename(PERFORM)}`,
    '--config',
    'performance',
    '--data_size',
    '500',
    '--date_range',
    '10-13-22:10-14-22',
    '--seed',
    '7',
    '--store',
    `s3://${BUCKET}/mocks`,
  ]);
  const log = new RecordingRunLog();
  const running = runJob(job, {
    store: storeFor(job.store, () => client),
    readText: readerFor(() => client),
    readBytes: bytesReaderFor(() => client),
    runLog: log,
    runId,
    clock: () => new Date(),
    toolVersion: 'test',
  });
  return { running, log };
}

describe('runJob with an S3 store', () => {
  it('reads the sample from S3 and writes the run there', async () => {
    const { running, log } = await run(s3.client, 'e2e-ok');
    const result = await running;

    expect(log.status).toBe('succeeded');
    expect(result.location).toBe(`s3://${BUCKET}/mocks/e2e-ok`);
    const manifest = JSON.parse(
      await readS3Text(s3.client, result.manifestLocation),
    );
    expect(manifest.files).toHaveLength(2);
    for (const file of result.files) {
      const text = await readS3Text(s3.client, file.location);
      expect(createHash('sha256').update(text).digest('hex')).toBe(file.sha256);
    }
    const keys = (await listKeys(s3.client, result.location + '/')).map(
      (o) => o.key,
    );
    expect(keys).toContain('mocks/e2e-ok/report.html');
  });

  it('leaves nothing of a run whose upload fails', async () => {
    const client = s3.newClient();
    let puts = 0;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        // The first day's file lands; the second day's fails.
        if (context.commandName === 'PutObjectCommand' && ++puts === 2) {
          throw new Error('injected PutObject failure');
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const { running, log } = await run(client, 'e2e-fail');

    await expect(running).rejects.toMatchObject({
      code: 'E_STORE',
      message: expect.stringMatching(
        /^s3:\/\/fleet-data\/mocks\/e2e-fail\/2022-10-14\/PERFORM_\d+\.csv: upload failed \(injected PutObject failure\)$/,
      ),
    });
    expect(log.status).toBe('failed');
    expect(await listKeys(s3.client, `s3://${BUCKET}/mocks/e2e-fail/`)).toEqual(
      [],
    );
  });
});
