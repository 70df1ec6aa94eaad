import {
  AbortMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { SampleError, StoreError } from '../errors';
import { MAX_INPUT_BYTES } from './local';
import { formatS3Uri, parseS3Glob, parseS3Uri } from './s3-uri';

/** One object of a listing. */
export interface S3ObjectInfo {
  /** The key within the bucket. */
  key: string;
  /** As S3 gives it, in double quotes. */
  etag: string;
  size: number;
  lastModified: Date;
}

/**
 * Lists every object whose key starts with the URI's key, in key order,
 * through as many pages as it takes.
 * @param options.pageSize keys asked for per request (S3 gives at most
 *   1000).
 * @throws StoreError naming the URI when the listing fails.
 */
export async function listKeys(
  client: S3Client,
  uri: string,
  options: { pageSize?: number } = {},
): Promise<S3ObjectInfo[]> {
  const { bucket, key } = parseS3Uri(uri);
  try {
    return await listObjects(client, bucket, key, options);
  } catch (cause) {
    throw new StoreError(
      `${uri}: cannot list the objects (${describeS3Error(cause)})`,
      { cause },
    );
  }
}

/**
 * Whether an object exists. Without s3:ListBucket permission S3 answers a
 * missing key with 403, which is reported, not taken for absence.
 * @throws StoreError naming the URI for any answer but found or not found.
 */
export async function objectExists(
  client: S3Client,
  uri: string,
): Promise<boolean> {
  const { bucket, key } = parseS3Uri(uri);
  try {
    await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (cause) {
    if (errorName(cause) === 'NotFound' || errorName(cause) === 'NoSuchKey') {
      return false;
    }
    throw new StoreError(
      `${uri}: cannot check the object (${describeS3Error(cause)})`,
      { cause },
    );
  }
}

/**
 * Reads an object as UTF-8 text, as `readS3Bytes` does.
 * @throws SampleError as `readS3Bytes` does.
 */
export async function readS3Text(
  client: S3Client,
  uri: string,
  options: { maxBytes?: number } = {},
): Promise<string> {
  return (await readS3Bytes(client, uri, options)).toString('utf8');
}

/**
 * Reads an object's bytes, streaming them so that a body larger than the
 * limit is refused without being held whole.
 * @throws SampleError naming the URI when it is malformed, names a folder,
 *   is missing, forbidden, unreadable or too large.
 */
export async function readS3Bytes(
  client: S3Client,
  uri: string,
  options: { maxBytes?: number } = {},
): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  const { bucket, key } = parseS3Uri(uri, SampleError);
  if (!key || key.endsWith('/')) {
    throw new SampleError(`${uri}: names a folder, expected an object`);
  }
  const tooLarge = (size: number | string) =>
    new SampleError(`${uri}: ${size} bytes, expected at most ${maxBytes}`);
  const unreadable = (cause: unknown) =>
    new SampleError(
      `${uri}: cannot read the object (${describeS3Error(cause)})`,
      { cause },
    );

  let body: AsyncIterable<Uint8Array> | undefined;
  try {
    const response = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: key }),
    );
    body = response.Body as AsyncIterable<Uint8Array> | undefined;
    if ((response.ContentLength ?? 0) > maxBytes) {
      (body as { destroy?: () => void } | undefined)?.destroy?.();
      throw tooLarge(response.ContentLength!);
    }
  } catch (cause) {
    if (cause instanceof SampleError) throw cause;
    throw unreadable(cause);
  }

  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    // The length header can be absent; count what arrives as well.
    for await (const chunk of body ?? []) {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooLarge(`more than ${maxBytes}`);
      chunks.push(chunk);
    }
  } catch (cause) {
    if (cause instanceof SampleError) throw cause;
    throw unreadable(cause);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Turns `s3://bucket/folder/NAME_*.csv` into the URI of the newest object
 * that matches (by LastModified; on a tie, the greatest key). A URI without
 * `*` comes back unchanged, unchecked.
 * @throws SampleError naming the URI when it is malformed, the listing
 *   fails or nothing matches.
 */
export async function resolveNewest(
  client: S3Client,
  uri: string,
): Promise<string> {
  const glob = parseS3Glob(uri, SampleError);
  if (!glob) return uri;

  let objects: S3ObjectInfo[];
  try {
    // Matches hold no "/" past their folder, so deeper keys need no listing.
    objects = await listObjects(client, glob.bucket, glob.listPrefix, {
      delimiter: '/',
    });
  } catch (cause) {
    throw new SampleError(
      `${uri}: cannot list the objects (${describeS3Error(cause)})`,
      { cause },
    );
  }
  const newest = objects
    .filter((o) => glob.matches(o.key))
    .reduce<S3ObjectInfo | undefined>(
      (best, o) => (!best || isNewer(o, best) ? o : best),
      undefined,
    );
  if (!newest) {
    throw new SampleError(`${uri}: no object matches the pattern`);
  }
  return formatS3Uri(glob.bucket, newest.key);
}

function isNewer(a: S3ObjectInfo, b: S3ObjectInfo): boolean {
  const dt = a.lastModified.getTime() - b.lastModified.getTime();
  return dt !== 0 ? dt > 0 : a.key > b.key;
}

/**
 * Aborts every multipart upload still open under a prefix, so that no
 * part lingers unseen (and billed), then deletes every object under it.
 * Rejects with the SDK's error; callers name what was being removed.
 */
export async function removePrefix(
  client: S3Client,
  bucket: string,
  prefix: string,
): Promise<void> {
  await abortUploads(client, bucket, prefix);
  const objects = await listObjects(client, bucket, prefix);
  for (let i = 0; i < objects.length; i += 1000) {
    const batch = objects.slice(i, i + 1000);
    const result = await client.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: batch.map((o) => ({ Key: o.key })), Quiet: true },
      }),
    );
    const failed = result.Errors?.[0];
    if (failed) {
      throw new Error(
        `cannot delete ${failed.Key} (${failed.Code}: ${failed.Message})`,
      );
    }
  }
  // An upload started elsewhere can land while this one deletes; say so
  // rather than report a clean prefix.
  const left = await listObjects(client, bucket, prefix);
  if (left.length) {
    throw new Error(`${left.length} objects remain, such as ${left[0].key}`);
  }
}

async function abortUploads(
  client: S3Client,
  bucket: string,
  prefix: string,
): Promise<void> {
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    let page;
    try {
      page = await client.send(
        new ListMultipartUploadsCommand({
          Bucket: bucket,
          Prefix: prefix,
          KeyMarker: keyMarker,
          UploadIdMarker: uploadIdMarker,
        }),
      );
    } catch (cause) {
      // A server that cannot list uploads leaves us none to find; the
      // uploads this process started were aborted by lib-storage.
      if (errorName(cause) === 'NotImplemented') return;
      throw cause;
    }
    for (const upload of page.Uploads ?? []) {
      await client
        .send(
          new AbortMultipartUploadCommand({
            Bucket: bucket,
            Key: upload.Key,
            UploadId: upload.UploadId,
          }),
        )
        .catch((cause: unknown) => {
          if (errorName(cause) !== 'NoSuchUpload') throw cause;
        });
    }
    if (!page.IsTruncated) return;
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
}

async function listObjects(
  client: S3Client,
  bucket: string,
  prefix: string,
  options: { delimiter?: string; pageSize?: number } = {},
): Promise<S3ObjectInfo[]> {
  const objects: S3ObjectInfo[] = [];
  const pages = paginateListObjectsV2(
    { client, pageSize: options.pageSize },
    { Bucket: bucket, Prefix: prefix, Delimiter: options.delimiter },
  );
  for await (const page of pages) {
    for (const o of page.Contents ?? []) {
      objects.push({
        key: o.Key!,
        etag: o.ETag ?? '',
        size: o.Size ?? 0,
        lastModified: o.LastModified ?? new Date(0),
      });
    }
  }
  return objects;
}

/**
 * Says in a few words why an S3 call failed: the common refusals in plain
 * words, anything else as the service's error name and message, on one
 * line.
 */
export function describeS3Error(cause: unknown): string {
  const name = errorName(cause);
  if (name === 'NoSuchBucket') return 'no such bucket';
  if (name === 'NoSuchKey' || name === 'NotFound') return 'no such key';
  if (name === 'AccessDenied' || name === 'Forbidden') return 'access denied';
  if (name === 'InvalidAccessKeyId' || name === 'SignatureDoesNotMatch') {
    return `${name}: the credentials were refused`;
  }
  const status = (cause as { $metadata?: { httpStatusCode?: number } })
    ?.$metadata?.httpStatusCode;
  let message = cause instanceof Error ? cause.message : String(cause);
  // Answers without a body (HEAD) carry no message of their own.
  if (message === 'UnknownError' && status) message = `HTTP ${status}`;
  const named =
    name && name !== 'Error' && !message.includes(name)
      ? `${name}: ${message}`
      : message;
  return named.replace(/\s*\n\s*/g, ' ').trim();
}

function errorName(cause: unknown): string | undefined {
  return cause instanceof Error ? cause.name : undefined;
}
