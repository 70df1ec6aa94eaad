import { StoreError, type FleetmockerError } from '../errors';

/** A bucket and a key, or a key prefix, of S3. */
export interface S3Location {
  bucket: string;
  key: string;
}

/** A URI whose last path segment holds `*` wildcards. */
export interface S3Glob {
  bucket: string;
  /** The key up to the first `*`: what a listing must start with. */
  listPrefix: string;
  matches(key: string): boolean;
}

/** The error a malformed URI becomes; callers choose the code. */
export type UriErrorClass = new (message: string) => FleetmockerError;

// The rules for buckets created since 2018; it catches typos such as an
// upper-case letter or an underscore before S3 answers with a bare 400.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const MAX_KEY_BYTES = 1024;

/** True for a location that names S3 rather than the local disk. */
export function isS3Uri(location: string): boolean {
  return /^s3:\/\//i.test(location);
}

/**
 * Splits `s3://bucket/key` into its bucket and key. The key may be empty or
 * end in `/` when the URI names a prefix.
 * @throws the given error class (StoreError unless told) naming the URI and
 *   what is wrong with it.
 */
export function parseS3Uri(
  uri: string,
  Failure: UriErrorClass = StoreError,
): S3Location {
  const fail = (what: string) =>
    new Failure(`${uri}: ${what}, expected s3://bucket/key`);
  if (!isS3Uri(uri)) throw fail('not an s3:// URI');

  const rest = uri.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const key = slash < 0 ? '' : rest.slice(slash + 1);
  if (!bucket) throw fail('no bucket name');
  if (!BUCKET.test(bucket) || bucket.includes('..')) {
    throw fail(
      `"${bucket}" is not a bucket name (3-63 lower-case letters, digits, dots, hyphens)`,
    );
  }
  if (key.startsWith('/') || key.includes('//')) {
    throw fail('an empty path segment');
  }
  if (/[\u0000-\u001f\u007f]/.test(key)) {
    throw fail('a control character in the key');
  }
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw fail(`a key longer than ${MAX_KEY_BYTES} bytes`);
  }
  return { bucket, key };
}

/** The URI of a key in a bucket. */
export function formatS3Uri(bucket: string, key: string): string {
  return `s3://${bucket}/${key}`;
}

/** Joins key parts with single slashes, as a folder path would. */
export function joinKey(...parts: string[]): string {
  return parts
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
}

/**
 * Reads `s3://bucket/folder/NAME_*.csv`, where `*` stands for any run of
 * characters other than `/`. Wildcards are allowed in the last path segment
 * only, so that a listing under one folder finds every match.
 * @returns undefined for a URI without `*`.
 * @throws the given error class for a malformed URI or a `*` elsewhere.
 */
export function parseS3Glob(
  uri: string,
  Failure: UriErrorClass = StoreError,
): S3Glob | undefined {
  if (!uri.includes('*')) return undefined;
  const { bucket, key } = parseS3Uri(uri, Failure);
  const cut = key.lastIndexOf('/') + 1;
  const folder = key.slice(0, cut);
  const name = key.slice(cut);
  if (!name.includes('*')) {
    throw new Failure(
      `${uri}: "*" in a folder name, expected it in the last path segment only`,
    );
  }
  const pattern = new RegExp(
    '^' +
      name
        .split('*')
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*') +
      '$',
  );
  return {
    bucket,
    listPrefix: key.slice(0, key.indexOf('*')),
    matches: (candidate) =>
      candidate.startsWith(folder) &&
      candidate.length > folder.length &&
      pattern.test(candidate.slice(folder.length)),
  };
}
