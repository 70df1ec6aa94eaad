import type { S3Client } from '@aws-sdk/client-s3';
import { LocalStore, readLocalBytes, readLocalText } from './local';
import { readS3Bytes, readS3Text, S3Store } from './s3';
import { isS3Uri } from './s3-uri';
import type { ReadBytes, ReadText, Store } from './types';

/**
 * The store for a `--store` location: S3 for an s3:// URI, else a local
 * folder. The client is asked for only when S3 is used, so a local run
 * never builds one.
 * @throws StoreError for a malformed s3:// URI.
 */
export function storeFor(location: string, s3: () => S3Client): Store {
  return isS3Uri(location)
    ? new S3Store(s3(), location)
    : new LocalStore(location);
}

/**
 * A reader of samples and configs by path or s3:// URI. The client is
 * asked for at the first s3:// read.
 */
export function readerFor(s3: () => S3Client): ReadText {
  return async (location) =>
    isS3Uri(location) ? readS3Text(s3(), location) : readLocalText(location);
}

/**
 * A reader of samples' bytes by path or s3:// URI, so their encoding can
 * be told; the client is asked for at the first s3:// read.
 */
export function bytesReaderFor(s3: () => S3Client): ReadBytes {
  return async (location) =>
    isS3Uri(location) ? readS3Bytes(s3(), location) : readLocalBytes(location);
}
