import { spawnSync } from 'node:child_process';
import {
  createWriteStream,
  mkdirSync,
  readdirSync,
  readFileSync,
} from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import yauzl from 'yauzl';
import { PERFORM, ROOT, runInTemp, tempDir } from './support/job';
import { startLambdaWorld, type LambdaWorld } from './support/lambda-env';

const BUCKET = 'deployed';
let world: LambdaWorld;
let unpacked: string;
let template: {
  Resources: Record<
    string,
    { Type: string; Properties: Record<string, unknown> }
  >;
};

/** Extracts a zip with yauzl, entry by entry. */
function unzip(zip: string, into: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(zip, { lazyEntries: true }, (error, archive) => {
      if (error || !archive) return reject(error);
      archive.on('error', reject);
      archive.on('end', resolve);
      archive.on('entry', (entry: yauzl.Entry) => {
        const target = path.join(into, entry.fileName);
        if (entry.fileName.endsWith('/')) {
          mkdirSync(target, { recursive: true });
          return archive.readEntry();
        }
        mkdirSync(path.dirname(target), { recursive: true });
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          pipeline(stream, createWriteStream(target)).then(
            () => archive.readEntry(),
            reject,
          );
        });
      });
      archive.readEntry();
    });
  });
}

beforeAll(async () => {
  const out = tempDir('fleetmocker-package-');
  const packaged = spawnSync(
    path.join(ROOT, 'node_modules/.bin/sls'),
    ['package', '--package', out],
    {
      cwd: ROOT,
      env: { ...process.env, SLS_TELEMETRY_DISABLED: '1' },
      encoding: 'utf8',
      timeout: 180_000,
    },
  );
  if (packaged.status !== 0) {
    throw new Error(`sls package failed: ${packaged.stdout}${packaged.stderr}`);
  }
  template = JSON.parse(
    readFileSync(
      path.join(out, 'cloudformation-template-update-stack.json'),
      'utf8',
    ),
  );
  unpacked = tempDir('fleetmocker-unpacked-');
  await unzip(path.join(out, 'fleetmocker.zip'), unpacked);
  world = await startLambdaWorld(BUCKET);
}, 240_000);

afterAll(() => world?.close());

describe('the deploy package', () => {
  it('holds the bundled handler, the configs and the fixtures only', () => {
    expect(readdirSync(unpacked).sort()).toEqual([
      'configs',
      'fixtures',
      'src',
    ]);
    expect(readdirSync(path.join(unpacked, 'src')).sort()).toEqual([
      'handler.js',
      'handler.js.map',
    ]);
    expect(readdirSync(path.join(unpacked, 'configs')).sort()).toEqual([
      'daily_reports.json',
      'performance.json',
    ]);
    expect(readdirSync(path.join(unpacked, 'fixtures'))).toHaveLength(3);
  });

  it('declares the function, its runtime and its triggers', () => {
    const resources = Object.values(template.Resources);
    const fn = resources.find((r) => r.Type === 'AWS::Lambda::Function')!;
    expect(fn.Properties).toMatchObject({
      Handler: 'src/handler.fleetmocker',
      Runtime: 'nodejs22.x',
    });
    expect(resources.some((r) => r.Type === 'AWS::Events::Rule')).toBe(true);
    expect(resources.some((r) => r.Type === 'Custom::S3')).toBe(true);
  });

  it('runs from the unzipped bundle and writes what a local run writes', async () => {
    // The deployed code, not the sources: the bundle required as Lambda does.
    const { fleetmocker } = require(path.join(unpacked, 'src/handler.js'));
    const args =
      '--files fixtures/PERFORM_20200911.csv --config performance ' +
      '--data_size 2000 --date_range 10-13-22:10-14-22 --seed 42';
    const response = await fleetmocker(args, { awsRequestId: 'pkg123' });
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body);

    const local = await runInTemp([
      '--files',
      PERFORM,
      '--config',
      'performance',
      '--data_size',
      '2000',
      '--date_range',
      '10-13-22:10-14-22',
      '--seed',
      '42',
    ]);
    expect(body.files).toHaveLength(local.result.files.length);
    for (const [i, file] of local.result.files.entries()) {
      const key = body.files[i].uri.replace(`s3://${BUCKET}/`, '');
      const object = await world.s3.client.send(
        new GetObjectCommand({ Bucket: BUCKET, Key: key }),
      );
      expect(await object.Body!.transformToString()).toBe(
        readFileSync(path.join(local.result.location, file.path), 'utf8'),
      );
    }
    const logged = await world.pool.query(
      'SELECT status FROM runs WHERE run_id = $1',
      [body.runId],
    );
    expect(logged.rows).toEqual([{ status: 'succeeded' }]);
  });
});
