import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  GetObjectCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import type { Pool } from 'pg';
import { fleetmocker } from '../src/handler';
import { listKeys } from '../src/store/s3-objects';
import { INCIDENT, PERFORM, runInTemp, SUMMARY } from './support/job';
import { startLambdaWorld, type LambdaWorld } from './support/lambda-env';
import type { TestS3 } from './support/s3rver';

const BUCKET = 'fleet';
let world: LambdaWorld;
let s3: TestS3;
let pool: Pool;

beforeAll(async () => {
  world = await startLambdaWorld(BUCKET);
  ({ s3, pool } = world);
}, 120_000);

afterAll(() => world.close());

async function put(key: string, file: string) {
  await s3.client.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: key,
      Body: readFileSync(file),
    }),
  );
}

async function text(uri: string): Promise<string> {
  const key = uri.replace(`s3://${BUCKET}/`, '');
  const out = await s3.client.send(
    new GetObjectCommand({ Bucket: BUCKET, Key: key }),
  );
  return out.Body!.transformToString();
}

async function etag(key: string): Promise<string> {
  const [found] = (await listKeys(s3.client, `s3://${BUCKET}/${key}`)).filter(
    (o) => o.key === key,
  );
  return found.etag;
}

function uploadEvent(key: string, tag: string) {
  return {
    Records: [
      {
        eventSource: 'aws:s3',
        eventTime: '2020-06-10T09:30:00.000Z',
        s3: { bucket: { name: BUCKET }, object: { key, eTag: tag } },
      },
    ],
  };
}

type Body = {
  status: string;
  runId: string;
  files: { uri: string; rows: number; day: string }[];
  report: string;
  manifest: string;
  uploads: { status: string; runId?: string; missing?: string[] }[];
  error: { code: string; message: string };
};
const bodyOf = (r: { body: string }) => JSON.parse(r.body) as Body;

describe('fleetmocker handler', () => {
  it('runs a direct invoke on packaged fixtures into S3, as the CLI would', async () => {
    const args =
      '--files fixtures/PERFORM_20200911.csv --config performance ' +
      '--data_size 3000 --date_range 10-13-22:10-14-22 --seed 42';
    const response = await fleetmocker(args, { awsRequestId: 'abc123-req' });
    expect(response.statusCode).toBe(200);
    const body = bodyOf(response);
    expect(body.files.map((f) => f.uri)).toEqual([
      `s3://${BUCKET}/mocks/${body.runId}/2022-10-13/PERFORM_20221014.csv`,
      `s3://${BUCKET}/mocks/${body.runId}/2022-10-14/PERFORM_20221015.csv`,
    ]);
    expect(body.runId).toMatch(/-abc123$/);

    const local = await runInTemp([
      '--files',
      PERFORM,
      '--config',
      'performance',
      '--data_size',
      '3000',
      '--date_range',
      '10-13-22:10-14-22',
      '--seed',
      '42',
    ]);
    for (const [i, file] of local.result.files.entries()) {
      const expected = readFileSync(
        path.join(local.result.location, file.path),
        'utf8',
      );
      expect(await text(body.files[i].uri)).toBe(expected);
    }
    expect(await text(body.report)).toContain('<html');
    expect(JSON.parse(await text(body.manifest)).seed).toBe('42');

    const logged = await pool.query(
      'SELECT status FROM runs WHERE run_id = $1',
      [body.runId],
    );
    expect(logged.rows).toEqual([{ status: 'succeeded' }]);
    const stages = await pool.query(
      'SELECT stage FROM run_stages WHERE run_id = $1 ORDER BY id',
      [body.runId],
    );
    expect(stages.rows.map((r) => r.stage)).toEqual([
      'read',
      'profile',
      'generate',
      'write',
      'report',
    ]);
  });

  it('runs a daily report once both its files are uploaded, and only once', async () => {
    // A folder of its own: the run id follows from the keys, and a server
    // kept between test runs already knows the id of an earlier run.
    const folder = `samples/${randomBytes(4).toString('hex')}`;
    const incidentKey = `${folder}/SG_20200609_DAILY_DRIVER_INCIDENT.csv`;
    const summaryKey = `${folder}/SG_20200609_DAILY_DRIVER_SUMMARY.csv`;
    await put(incidentKey, INCIDENT);
    const first = bodyOf(
      await fleetmocker(uploadEvent(incidentKey, await etag(incidentKey))),
    );
    expect(first.uploads).toEqual([
      expect.objectContaining({ status: 'waiting', missing: ['summary'] }),
    ]);
    expect(await listKeys(s3.client, `s3://${BUCKET}/mocks/s3-`)).toEqual([]);

    await put(summaryKey, SUMMARY);
    const event = uploadEvent(summaryKey, await etag(summaryKey));
    const second = bodyOf(await fleetmocker(event));
    expect(second.uploads[0]).toMatchObject({ status: 'generated' });
    const runId = second.uploads[0].runId!;
    expect(runId).toMatch(/^s3-[0-9a-f]{16}$/);
    const written = await listKeys(s3.client, `s3://${BUCKET}/mocks/${runId}/`);
    // Seven days of two files, plus the report and the manifest.
    expect(written).toHaveLength(16);

    const again = bodyOf(await fleetmocker(event));
    expect(again.uploads).toEqual([
      expect.objectContaining({ status: 'complete', runId }),
    ]);
    const after = await listKeys(s3.client, `s3://${BUCKET}/mocks/${runId}/`);
    expect(after.map((o) => [o.key, o.etag])).toEqual(
      written.map((o) => [o.key, o.etag]),
    );
    const manifest = JSON.parse(
      await text(`s3://${BUCKET}/mocks/${runId}/manifest.json`),
    );
    expect(manifest.arguments.date_range).toBe('06-02-20:06-08-20');
  });

  it('takes the newest matching sample on the nightly schedule', async () => {
    await put('samples/PERFORM_20200910.csv', PERFORM);
    await put('samples/PERFORM_20200911.csv', PERFORM);
    s3.setLastModified(
      BUCKET,
      'samples/PERFORM_20200910.csv',
      new Date('2020-09-11T00:00:00Z'),
    );
    s3.setLastModified(
      BUCKET,
      'samples/PERFORM_20200911.csv',
      new Date('2020-09-12T00:00:00Z'),
    );
    const response = await fleetmocker({
      trigger: 'schedule',
      args:
        `--files s3://${BUCKET}/samples/PERFORM_*.csv --config performance ` +
        '--data_size 500 --date_range 10-13-22:10-13-22 --seed 7',
    });
    expect(response.statusCode).toBe(200);
    const manifest = JSON.parse(await text(bodyOf(response).manifest));
    expect(manifest.arguments.files).toEqual([
      `s3://${BUCKET}/samples/PERFORM_20200911.csv`,
    ]);
  });

  it('streams a large file in several parts and leaves no upload open', async () => {
    const response = await fleetmocker(
      '--files fixtures/PERFORM_20200911.csv --config performance ' +
        '--data_size 120000 --date_range 10-13-22:10-13-22 --seed 3',
    );
    expect(response.statusCode).toBe(200);
    const [file] = bodyOf(response).files;
    const [object] = await listKeys(s3.client, file.uri);
    // More than three 5 MiB parts.
    expect(object.size).toBeGreaterThan(15 * 1024 * 1024);
    expect(file.rows).toBe(120000);
    const open = await s3.client.send(
      new ListMultipartUploadsCommand({ Bucket: BUCKET }),
    );
    expect(open.Uploads ?? []).toEqual([]);
  });

  it('stops before the Lambda timeout and removes the partial run', async () => {
    // Its own tag: a server kept between test runs remembers earlier ones.
    const tag = randomBytes(3).toString('hex');
    const response = await fleetmocker(
      '--files fixtures/PERFORM_20200911.csv --config performance ' +
        '--data_size 200000 --date_range 10-13-22:10-14-22 --seed 11',
      { awsRequestId: `${tag}-req`, getRemainingTimeInMillis: () => 21_000 },
    );
    expect(response.statusCode).toBe(504);
    expect(bodyOf(response).error.code).toBe('E_INTERRUPTED');
    const runs = await listKeys(s3.client, `s3://${BUCKET}/mocks/`);
    expect(runs.filter((o) => o.key.includes(`-${tag}/`))).toEqual([]);
    const open = await s3.client.send(
      new ListMultipartUploadsCommand({ Bucket: BUCKET }),
    );
    expect(open.Uploads ?? []).toEqual([]);
    const logged = await pool.query(
      'SELECT status, error_code FROM runs WHERE run_id LIKE $1',
      [`%-${tag}`],
    );
    expect(logged.rows).toEqual([
      { status: 'failed', error_code: 'E_INTERRUPTED' },
    ]);
  });

  it('answers bad input with a 400 and the error, writing nothing', async () => {
    const before = await listKeys(s3.client, `s3://${BUCKET}/mocks/`);
    const response = await fleetmocker({
      args: '--files fixtures/PERFORM_20200911.csv --config performance --data_size none',
    });
    expect(response.statusCode).toBe(400);
    expect(bodyOf(response).error).toEqual({
      code: 'E_ARGS',
      message: '--data_size: expected a positive whole number, found "none"',
    });
    const missing = await fleetmocker(
      `--files s3://${BUCKET}/samples/NOPE_*.csv --config performance`,
    );
    expect(missing.statusCode).toBe(400);
    expect(bodyOf(missing).error.code).toBe('E_SAMPLE');
    expect(await listKeys(s3.client, `s3://${BUCKET}/mocks/`)).toEqual(before);
  });
});
