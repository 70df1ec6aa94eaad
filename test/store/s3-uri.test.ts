import { SampleError, StoreError } from '../../src/errors';
import {
  isS3Uri,
  joinKey,
  parseS3Glob,
  parseS3Uri,
} from '../../src/store/s3-uri';

describe('parseS3Uri', () => {
  it('splits a URI into bucket and key', () => {
    expect(parseS3Uri('s3://fleet-data/samples/PERFORM_1.csv')).toEqual({
      bucket: 'fleet-data',
      key: 'samples/PERFORM_1.csv',
    });
    expect(parseS3Uri('s3://fleet-data/mocks/')).toEqual({
      bucket: 'fleet-data',
      key: 'mocks/',
    });
    expect(parseS3Uri('s3://fleet-data')).toEqual({
      bucket: 'fleet-data',
      key: '',
    });
  });

  it.each([
    ['fleet-data/x.csv', 'not an s3:// URI'],
    ['s3:///x.csv', 'no bucket name'],
    ['s3://', 'no bucket name'],
    ['s3://Fleet_Data/x.csv', '"Fleet_Data" is not a bucket name'],
    ['s3://ab/x.csv', '"ab" is not a bucket name'],
    ['s3://fleet..data/x.csv', '"fleet..data" is not a bucket name'],
    ['s3://fleet-data//x.csv', 'an empty path segment'],
    ['s3://fleet-data/a//x.csv', 'an empty path segment'],
    ['s3://fleet-data/a\nb.csv', 'a control character in the key'],
    [`s3://fleet-data/${'k'.repeat(1025)}`, 'a key longer than 1024 bytes'],
  ])('rejects %j: %s', (uri, what) => {
    const parsing = () => parseS3Uri(uri);

    expect(parsing).toThrow(StoreError);
    expect(parsing).toThrow(`${uri}: ${what}`);
    expect(parsing).toThrow(/, expected s3:\/\/bucket\/key$/);
  });

  it('raises the error class it is given', () => {
    expect(() => parseS3Uri('s3:///x.csv', SampleError)).toThrow(
      new SampleError('s3:///x.csv: no bucket name, expected s3://bucket/key'),
    );
  });
});

describe('isS3Uri', () => {
  it('tells an S3 URI from a local path', () => {
    expect(isS3Uri('s3://fleet-data/x')).toBe(true);
    expect(isS3Uri('S3://fleet-data/x')).toBe(true);
    expect(isS3Uri('./s3/x')).toBe(false);
    expect(isS3Uri('/tmp/s3://x')).toBe(false);
  });
});

describe('joinKey', () => {
  it('joins parts with single slashes', () => {
    expect(joinKey('mocks/', 'run-1', 'a.csv')).toBe('mocks/run-1/a.csv');
    expect(joinKey('', 'run-1')).toBe('run-1');
  });
});

describe('parseS3Glob', () => {
  it('matches names in the folder of the pattern only', () => {
    const glob = parseS3Glob('s3://fleet-data/samples/PERFORM_*.csv')!;

    expect(glob.bucket).toBe('fleet-data');
    expect(glob.listPrefix).toBe('samples/PERFORM_');
    expect(glob.matches('samples/PERFORM_20200911.csv')).toBe(true);
    expect(glob.matches('samples/PERFORM_.csv')).toBe(true);
    expect(glob.matches('samples/PERFORM_1.csv.bak')).toBe(false);
    expect(glob.matches('samples/PERFORM_old/x.csv')).toBe(false);
    expect(glob.matches('other/PERFORM_1.csv')).toBe(false);
  });

  it('takes the other characters of the pattern literally', () => {
    const glob = parseS3Glob('s3://fleet-data/a+b(1)*.csv')!;

    expect(glob.matches('a+b(1)x.csv')).toBe(true);
    expect(glob.matches('aab(1)x.csv')).toBe(false);
    expect(glob.matches('a+b(1)xxcsv')).toBe(false);
  });

  it('is undefined without a wildcard', () => {
    expect(parseS3Glob('s3://fleet-data/samples/a.csv')).toBeUndefined();
  });

  it('rejects a wildcard outside the last segment', () => {
    expect(() => parseS3Glob('s3://fleet-data/*/a.csv', SampleError)).toThrow(
      new SampleError(
        's3://fleet-data/*/a.csv: "*" in a folder name, expected it in the last path segment only',
      ),
    );
    expect(() => parseS3Glob('s3://fleet-*/a*.csv')).toThrow(
      'is not a bucket name',
    );
  });
});
