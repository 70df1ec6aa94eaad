import { createHash } from 'node:crypto';
import {
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { EnvironmentError, SampleError, StoreError } from '../../src/errors';
import {
  createS3Client,
  listKeys,
  objectExists,
  readS3Text,
  resolveNewest,
  s3ClientConfig,
  S3Store,
} from '../../src/store/s3';
import type { OutputFile, RunOutput } from '../../src/store/types';
import { startS3rver, type TestS3 } from '../support/s3rver';

const BUCKET = 'fleet-mocks';
const MiB = 1024 * 1024;

let s3: TestS3;

beforeAll(async () => {
  s3 = await startS3rver([BUCKET]);
});

afterAll(async () => {
  await s3?.close();
});

const uri = (key: string) => `s3://${BUCKET}/${key}`;

async function keysUnder(prefix: string): Promise<string[]> {
  return (await listKeys(s3.client, uri(prefix))).map((o) => o.key);
}

async function openUploads(prefix: string): Promise<string[]> {
  const page = await s3.client.send(
    new ListMultipartUploadsCommand({ Bucket: BUCKET, Prefix: prefix }),
  );
  return (page.Uploads ?? []).map((u) => u.Key!);
}

async function put(key: string, body: string): Promise<void> {
  await s3.client.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }),
  );
}

async function bytesOf(key: string): Promise<Buffer> {
  const response = await s3.client.send(
    new GetObjectCommand({ Bucket: BUCKET, Key: key }),
  );
  return Buffer.from(await response.Body!.transformToByteArray());
}

/**
 * Counts the requests a client sends, by command, and makes the nth
 * request of a command fail before it leaves, for each failure asked for.
 */
function instrument(
  client: S3Client,
  ...failures: { command: string; nth: number }[]
): Map<string, number> {
  const counts = new Map<string, number>();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? '';
      const n = (counts.get(command) ?? 0) + 1;
      counts.set(command, n);
      if (failures.some((f) => f.command === command && f.nth === n)) {
        throw new Error(`injected ${command} failure`);
      }
      return next(args);
    },
    { step: 'initialize' },
  );
  return counts;
}

/** Holds each request of the given commands back before it is sent. */
function slowDown(client: S3Client, commands: string[], ms: number): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (commands.includes(context.commandName ?? '')) {
        await new Promise((resolve) => setTimeout(resolve, ms));
      }
      return next(args);
    },
    { step: 'initialize' },
  );
}

/** Writes `bytes` of CSV-like lines in 64 KiB chunks; returns its sha256. */
async function writeLines(file: OutputFile, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  const line = 'vehicle-0042,2020-06-01 08:15:00,51.50735,-0.12776,47.5\n';
  const chunk = line.repeat(Math.floor((64 * 1024) / line.length));
  let left = bytes;
  while (left > 0) {
    const piece = chunk.slice(0, left);
    await file.write(piece);
    hash.update(piece);
    left -= piece.length;
  }
  return hash.digest('hex');
}

async function writeFile(
  run: RunOutput,
  relative: string,
  text: string,
): Promise<void> {
  const file = await run.create(relative);
  await file.write(text);
  await file.close();
}

describe('S3Store', () => {
  it('writes a run whose files read back byte for byte', async () => {
    const run = await new S3Store(s3.client, uri('mocks')).begin('run-1');
    const files: Record<string, string> = {
      '2020-06-01/PERFORM_20200601.csv': 'id,speed\r\n1,47.5\r\n2,0\r\n',
      '2020-06-02/PERFORM_20200602.csv': 'id,name\n7,"Zoë, ünïcode"\n',
      'report.html': '<!doctype html><title>run-1</title>\n',
      'manifest.json': '{ "runId": "run-1" }\n',
    };
    for (const [relative, text] of Object.entries(files)) {
      const file = await run.create(relative);
      await file.write(text.slice(0, 5));
      await file.write(text.slice(5));
      await file.close();
    }
    await run.publish();

    expect(run.location).toBe(uri('mocks/run-1'));
    expect(run.locate('report.html')).toBe(uri('mocks/run-1/report.html'));
    expect(await keysUnder('mocks/run-1/')).toEqual(
      Object.keys(files)
        .map((f) => `mocks/run-1/${f}`)
        .sort(),
    );
    for (const [relative, text] of Object.entries(files)) {
      expect(await bytesOf(`mocks/run-1/${relative}`)).toEqual(
        Buffer.from(text),
      );
    }
  });

  it('uploads a file over 15 MiB in several 5 MiB parts', async () => {
    const client = s3.newClient();
    const requests = instrument(client);
    const run = await new S3Store(client, uri('mocks')).begin('run-big');

    const file = await run.create('big.csv');
    const sha256 = await writeLines(file, 16.5 * MiB);
    await file.close();
    await writeFile(run, 'manifest.json', '{}\n');
    await run.publish();

    expect(requests.get('CreateMultipartUploadCommand')).toBe(1);
    expect(requests.get('UploadPartCommand')).toBe(4);
    expect(requests.get('CompleteMultipartUploadCommand')).toBe(1);
    const [big] = await listKeys(client, uri('mocks/run-big/big.csv'));
    expect(big.size).toBe(16.5 * MiB);
    const stored = await bytesOf('mocks/run-big/big.csv');
    expect(createHash('sha256').update(stored).digest('hex')).toBe(sha256);
  });

  it('removes every object and upload of a run whose upload failed', async () => {
    const client = s3.newClient();
    instrument(client, { command: 'UploadPartCommand', nth: 3 });
    const run = await new S3Store(client, uri('mocks')).begin('run-fail');
    await writeFile(run, '2020-06-01/small.csv', 'id\n1\n');

    const big = await run.create('2020-06-02/big.csv');
    const writing = writeLines(big, 16.5 * MiB).then(() => big.close());

    await expect(writing).rejects.toMatchObject({
      code: 'E_STORE',
      message:
        's3://fleet-mocks/mocks/run-fail/2020-06-02/big.csv: upload failed (injected UploadPartCommand failure)',
    });
    expect(await keysUnder('mocks/run-fail/')).toEqual([
      'mocks/run-fail/2020-06-01/small.csv',
    ]);

    await run.abort();

    expect(await keysUnder('mocks/run-fail/')).toEqual([]);
    expect(await openUploads('mocks/run-fail/')).toEqual([]);
    expect(s3.openUploadFolders(BUCKET, 'mocks/run-fail/')).toEqual([]);
  });

  it('aborts an upload the SDK failed to abort itself', async () => {
    const client = s3.newClient();
    instrument(
      client,
      { command: 'UploadPartCommand', nth: 2 },
      { command: 'AbortMultipartUploadCommand', nth: 1 },
    );
    const run = await new S3Store(client, uri('mocks')).begin('run-left');

    const big = await run.create('big.csv');
    await expect(
      writeLines(big, 11 * MiB).then(() => big.close()),
    ).rejects.toThrow(
      // lib-storage reports the failure of its own abort, not the part's.
      'upload failed (injected AbortMultipartUploadCommand failure)',
    );
    expect(await openUploads('mocks/run-left/')).toEqual([
      'mocks/run-left/big.csv',
    ]);

    await run.abort();

    expect(await openUploads('mocks/run-left/')).toEqual([]);
    expect(s3.openUploadFolders(BUCKET, 'mocks/run-left/')).toEqual([]);
  });

  it('removes an upload an earlier attempt of the run left open', async () => {
    const { UploadId } = await s3.client.send(
      new CreateMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'mocks/run-retry/big.csv',
      }),
    );
    await s3.client.send(
      new UploadPartCommand({
        Bucket: BUCKET,
        Key: 'mocks/run-retry/big.csv',
        UploadId,
        PartNumber: 1,
        Body: Buffer.alloc(5 * MiB),
      }),
    );
    const run = await new S3Store(s3.client, uri('mocks')).begin('run-retry');

    await run.abort();

    expect(await openUploads('mocks/run-retry/')).toEqual([]);
    expect(s3.openUploadFolders(BUCKET, 'mocks/run-retry/')).toEqual([]);
  });

  it('aborts a run while a file is still being written', async () => {
    const run = await new S3Store(s3.client, uri('mocks')).begin('run-cut');
    await writeFile(run, 'done.csv', 'id\n1\n');
    const open = await run.create('open.csv');
    await writeLines(open, 12 * MiB);

    await run.abort();

    expect(await keysUnder('mocks/run-cut/')).toEqual([]);
    expect(await openUploads('mocks/run-cut/')).toEqual([]);
    expect(s3.openUploadFolders(BUCKET, 'mocks/run-cut/')).toEqual([]);
    await expect(open.write('more\n')).rejects.toThrow(
      'mocks/run-cut/open.csv: upload failed (the run was aborted)',
    );
    await expect(run.create('late.csv')).rejects.toThrow(StoreError);
    await expect(run.abort()).resolves.toBeUndefined();
  });

  it('waits for requests in flight before it deletes', async () => {
    const client = s3.newClient();
    slowDown(client, ['PutObjectCommand', 'UploadPartCommand'], 300);
    const run = await new S3Store(client, uri('mocks')).begin('run-slow');
    const big = await run.create('big.csv');
    await writeLines(big, 12 * MiB);
    const small = await run.create('small.csv');
    await small.write('id\n1\n');
    const closing = small.close();
    // Long enough for its PutObject to start, not to end.
    await new Promise((resolve) => setTimeout(resolve, 100));

    await run.abort();
    await closing;

    expect(await keysUnder('mocks/run-slow/')).toEqual([]);
    expect(await openUploads('mocks/run-slow/')).toEqual([]);
    expect(s3.openUploadFolders(BUCKET, 'mocks/run-slow/')).toEqual([]);
  });

  it('leaves alone the objects of runs whose ids share a prefix', async () => {
    await put('mocks/run-7x/keep.csv', 'id\n');
    await put('mocks/run-70/keep.csv', 'id\n');
    const run = await new S3Store(s3.client, uri('mocks/')).begin('run-7');
    await writeFile(run, 'gone.csv', 'id\n');

    await run.abort();

    expect(await keysUnder('mocks/run-7')).toEqual([
      'mocks/run-70/keep.csv',
      'mocks/run-7x/keep.csv',
    ]);
  });

  it('refuses to begin a run that is already complete', async () => {
    await put('mocks/run-done/manifest.json', '{}\n');
    const store = new S3Store(s3.client, uri('mocks'));

    await expect(store.begin('run-done')).rejects.toMatchObject({
      code: 'E_STORE',
      message:
        's3://fleet-mocks/mocks/run-done: already holds a complete run (manifest.json exists)',
    });
  });

  it('names the file when its bucket does not exist', async () => {
    const store = new S3Store(s3.client, 's3://no-such-bucket/mocks');
    const run = await store.begin('run-1');
    const file = await run.create('a.csv');
    await file.write('id\n');

    await expect(file.close()).rejects.toMatchObject({
      code: 'E_STORE',
      message:
        's3://no-such-bucket/mocks/run-1/a.csv: upload failed (no such bucket)',
    });
  });

  it('refuses to publish a run with a file not closed', async () => {
    const run = await new S3Store(s3.client, uri('mocks')).begin('run-open');
    const open = await run.create('open.csv');
    await open.write('id\n');

    await expect(run.publish()).rejects.toThrow(
      's3://fleet-mocks/mocks/run-open/open.csv: not uploaded when the run was published',
    );
    await expect(run.create('manifest.json')).rejects.toThrow(
      'is still uploading; the manifest must come last',
    );
    await run.abort();
  });

  it('refuses to publish a run without its manifest', async () => {
    const run = await new S3Store(s3.client, uri('mocks')).begin('run-nm');
    await writeFile(run, 'a.csv', 'id\n');

    await expect(run.publish()).rejects.toThrow(
      's3://fleet-mocks/mocks/run-nm/manifest.json: not written',
    );
    await writeFile(run, 'manifest.json', '{}\n');
    await expect(run.create('b.csv')).rejects.toThrow(
      'created after manifest.json, which must be the last file',
    );
    await run.abort();
  });

  it('rejects a run id that is not a folder name', async () => {
    const store = new S3Store(s3.client, uri('mocks'));

    await expect(store.begin('a/b')).rejects.toThrow(
      's3://fleet-mocks/mocks: run id "a/b" is not a folder name',
    );
  });

  it('rejects a malformed store URI', () => {
    expect(() => new S3Store(s3.client, 's3://Fleet_Mocks/x')).toThrow(
      StoreError,
    );
  });
});

describe('readS3Text', () => {
  it('reads an object as UTF-8 text', async () => {
    await put('samples/text.csv', 'id,name\n1,Zoë\n');

    expect(await readS3Text(s3.client, uri('samples/text.csv'))).toBe(
      'id,name\n1,Zoë\n',
    );
  });

  it('names the URI of a missing key on one line', async () => {
    const reading = readS3Text(s3.client, uri('samples/none.csv'));

    await expect(reading).rejects.toThrow(SampleError);
    await expect(reading).rejects.toThrow(
      /^s3:\/\/fleet-mocks\/samples\/none\.csv: cannot read the object \(no such key\)$/,
    );
  });

  it('names the URI of a missing bucket', async () => {
    await expect(
      readS3Text(s3.client, 's3://no-such-bucket/x.csv'),
    ).rejects.toMatchObject({
      code: 'E_SAMPLE',
      message:
        's3://no-such-bucket/x.csv: cannot read the object (no such bucket)',
    });
  });

  it('refuses an object over the size limit', async () => {
    await put('samples/large.csv', 'x'.repeat(100));

    await expect(
      readS3Text(s3.client, uri('samples/large.csv'), { maxBytes: 99 }),
    ).rejects.toMatchObject({
      code: 'E_SAMPLE',
      message:
        's3://fleet-mocks/samples/large.csv: 100 bytes, expected at most 99',
    });
  });

  it('refuses a folder and a malformed URI as sample errors', async () => {
    await expect(readS3Text(s3.client, uri('samples/'))).rejects.toMatchObject({
      code: 'E_SAMPLE',
      message: 's3://fleet-mocks/samples/: names a folder, expected an object',
    });
    await expect(readS3Text(s3.client, 's3:///x.csv')).rejects.toMatchObject({
      code: 'E_SAMPLE',
      message: 's3:///x.csv: no bucket name, expected s3://bucket/key',
    });
  });
});

describe('resolveNewest', () => {
  const at = (day: number) => new Date(Date.UTC(2020, 5, day, 8));

  beforeAll(async () => {
    const objects: [string, Date][] = [
      ['glob/PERFORM_20200603.csv', at(1)],
      ['glob/PERFORM_20200601.csv', at(3)],
      ['glob/PERFORM_20200602.csv', at(2)],
      ['glob/PERFORM_20200604.txt', at(9)],
      ['glob/OTHER_20200605.csv', at(9)],
      ['glob/old/PERFORM_20200606.csv', at(9)],
      ['tie/A_1.csv', at(1)],
      ['tie/A_2.csv', at(1)],
    ];
    for (const [key, time] of objects) {
      await put(key, 'id\n');
      s3.setLastModified(BUCKET, key, time);
    }
  });

  it('picks the newest matching object, not the greatest key', async () => {
    expect(await resolveNewest(s3.client, uri('glob/PERFORM_*.csv'))).toBe(
      uri('glob/PERFORM_20200601.csv'),
    );
  });

  it('breaks a tie of times with the greatest key', async () => {
    expect(await resolveNewest(s3.client, uri('tie/A_*.csv'))).toBe(
      uri('tie/A_2.csv'),
    );
  });

  it('names the pattern when nothing matches', async () => {
    await expect(
      resolveNewest(s3.client, uri('glob/NONE_*.csv')),
    ).rejects.toMatchObject({
      code: 'E_SAMPLE',
      message:
        's3://fleet-mocks/glob/NONE_*.csv: no object matches the pattern',
    });
  });

  it('returns a URI without a wildcard unchanged', async () => {
    expect(await resolveNewest(s3.client, uri('glob/any.csv'))).toBe(
      uri('glob/any.csv'),
    );
  });

  it('refuses a wildcard in a folder name', async () => {
    await expect(
      resolveNewest(s3.client, uri('glob/*/PERFORM_1.csv')),
    ).rejects.toThrow(SampleError);
  });
});

describe('listKeys', () => {
  it('lists every key under a prefix through several pages', async () => {
    for (const n of [1, 2, 3, 4, 5]) await put(`list/f${n}.csv`, 'x'.repeat(n));

    const listed = await listKeys(s3.client, uri('list/'), { pageSize: 2 });

    expect(listed.map((o) => [o.key, o.size])).toEqual([
      ['list/f1.csv', 1],
      ['list/f2.csv', 2],
      ['list/f3.csv', 3],
      ['list/f4.csv', 4],
      ['list/f5.csv', 5],
    ]);
    expect(listed[0].etag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('names the URI when the bucket is missing', async () => {
    await expect(
      listKeys(s3.client, 's3://no-such-bucket/x/'),
    ).rejects.toMatchObject({
      code: 'E_STORE',
      message:
        's3://no-such-bucket/x/: cannot list the objects (no such bucket)',
    });
  });
});

describe('objectExists', () => {
  it('tells a present object from a missing one', async () => {
    await put('exists/here.csv', 'id\n');

    expect(await objectExists(s3.client, uri('exists/here.csv'))).toBe(true);
    expect(await objectExists(s3.client, uri('exists/gone.csv'))).toBe(false);
  });
});

describe('s3ClientConfig', () => {
  it('uses path-style addressing with a custom endpoint', () => {
    expect(s3ClientConfig({ S3_ENDPOINT: 'http://127.0.0.1:4568' })).toEqual({
      endpoint: 'http://127.0.0.1:4568',
      forcePathStyle: true,
      region: 'us-east-1',
    });
  });

  it('uses AWS defaults without one', () => {
    expect(s3ClientConfig({ AWS_REGION: 'eu-west-2' })).toEqual({
      forcePathStyle: false,
      region: 'eu-west-2',
    });
  });

  it('lets S3_FORCE_PATH_STYLE override the default', () => {
    expect(
      s3ClientConfig({
        S3_ENDPOINT: 'https://s3.example.com',
        S3_FORCE_PATH_STYLE: 'false',
      }).forcePathStyle,
    ).toBe(false);
  });

  it('names a malformed variable', () => {
    expect(() => s3ClientConfig({ S3_ENDPOINT: 'localhost:4568' })).toThrow(
      new EnvironmentError(
        'S3_ENDPOINT must be an http(s) URL, found "localhost:4568"',
      ),
    );
    expect(() => s3ClientConfig({ S3_FORCE_PATH_STYLE: 'maybe' })).toThrow(
      new EnvironmentError(
        'S3_FORCE_PATH_STYLE must be true or false, found "maybe"',
      ),
    );
  });

  it('builds a client that finds credentials in the usual places', async () => {
    const saved = { ...process.env };
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    const client = createS3Client({ S3_ENDPOINT: s3.endpoint });
    try {
      await put('client/ping.csv', 'pong');
      expect(await readS3Text(client, uri('client/ping.csv'))).toBe('pong');
    } finally {
      client.destroy();
      process.env = saved;
    }
  });
});
