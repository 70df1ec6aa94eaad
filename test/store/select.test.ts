import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { LocalStore } from '../../src/store/local';
import { S3Store } from '../../src/store/s3';
import { readerFor, storeFor } from '../../src/store/select';
import { tempDir } from '../support/job';

describe('storeFor', () => {
  it('builds no S3 client for a local folder', () => {
    const client = jest.fn<S3Client, []>();

    expect(storeFor(tempDir(), client)).toBeInstanceOf(LocalStore);
    expect(client).not.toHaveBeenCalled();
  });

  it('gives an S3 store for an s3:// URI', () => {
    const client = new S3Client({ region: 'us-east-1' });

    expect(storeFor('s3://fleet-data/mocks', () => client)).toBeInstanceOf(
      S3Store,
    );
    client.destroy();
  });

  it('rejects a malformed s3:// URI', () => {
    expect(() =>
      storeFor('s3://Fleet_Data/mocks', () => new S3Client({})),
    ).toThrow(expect.objectContaining({ code: 'E_STORE' }));
  });
});

describe('readerFor', () => {
  it('reads a local file without an S3 client', async () => {
    const file = path.join(tempDir(), 'sample.csv');
    writeFileSync(file, 'id\n1\n');
    const client = jest.fn<S3Client, []>();

    expect(await readerFor(client)(file)).toBe('id\n1\n');
    expect(client).not.toHaveBeenCalled();
  });

  it('asks for the client at the first s3:// read', async () => {
    const client = jest.fn<S3Client, []>(() => {
      throw new Error('no client here');
    });
    const read = readerFor(client);

    expect(client).not.toHaveBeenCalled();
    await expect(read('s3://fleet-data/a.csv')).rejects.toThrow(
      'no client here',
    );
    expect(client).toHaveBeenCalledTimes(1);
  });
});
