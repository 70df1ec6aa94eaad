import { PassThrough } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { StoreError } from '../errors';
import { describeS3Error, removePrefix } from './s3-objects';
import { formatS3Uri } from './s3-uri';
import type { OutputFile, RunOutput } from './types';

/** S3's smallest part; an open file holds about three in memory. */
const PART_SIZE = 5 * 1024 * 1024;
/** Parts in flight per file, besides the one being filled. */
const QUEUE_SIZE = 2;
/** Written last; its presence marks a complete run. */
export const MANIFEST = 'manifest.json';

const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  json: 'application/json',
};

/**
 * One run under `prefix` (which ends in `/`). S3 has no rename, so each
 * file streams straight to its final key and the manifest, written last,
 * is what marks the run complete; publish only checks that every upload
 * finished. Abort deletes whatever is under the prefix.
 *
 * Two runs given the same id at the same time share their keys, and
 * either one's abort removes both: callers keep run ids unique, or check
 * for a manifest before they start.
 */
export class S3Run implements RunOutput {
  readonly location: string;
  private readonly files: UploadFile[] = [];
  private aborted = false;
  private aborting?: Promise<void>;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {
    this.location = formatS3Uri(bucket, prefix.replace(/\/$/, ''));
  }

  locate(relativePath: string): string {
    return `${this.location}/${relativePath}`;
  }

  async create(relativePath: string): Promise<OutputFile> {
    const uri = this.locate(relativePath);
    if (this.aborted) throw new StoreError(`${uri}: the run was aborted`);
    if (
      !relativePath ||
      relativePath.split('/').some((s) => s === '' || s === '.' || s === '..')
    ) {
      throw new StoreError(
        `${uri}: expected a relative path without empty, "." or ".." parts`,
      );
    }
    if (this.files.some((f) => f.relativePath === MANIFEST)) {
      throw new StoreError(
        `${uri}: created after ${MANIFEST}, which must be the last file`,
      );
    }
    const unfinished = this.files.find((f) => !f.completed);
    if (relativePath === MANIFEST && unfinished) {
      throw new StoreError(
        `${uri}: created while ${unfinished.uri} is still uploading; the manifest must come last`,
      );
    }
    const file = new UploadFile(
      this.client,
      this.bucket,
      this.prefix + relativePath,
      relativePath,
      uri,
    );
    this.files.push(file);
    return file;
  }

  async publish(): Promise<void> {
    if (this.aborted) {
      throw new StoreError(`${this.location}: cannot publish an aborted run`);
    }
    const unfinished = this.files.find((f) => !f.completed);
    if (unfinished) {
      throw new StoreError(
        `${unfinished.uri}: not uploaded when the run was published, expected every file closed first`,
      );
    }
    if (!this.files.some((f) => f.relativePath === MANIFEST)) {
      throw new StoreError(
        `${this.locate(MANIFEST)}: not written, yet it marks the run complete`,
      );
    }
  }

  abort(): Promise<void> {
    this.aborted = true;
    // A failed removal may be retried by calling abort again.
    this.aborting ??= this.removeAll().catch((error: unknown) => {
      this.aborting = undefined;
      throw error;
    });
    return this.aborting;
  }

  private async removeAll(): Promise<void> {
    // Upload.abort() would settle done() at once while parts, or the final
    // CompleteMultipartUpload, go on in the background and could land an
    // object after the deletion below. Failing the body instead makes the
    // upload stop reading, finish its requests and abort its multipart
    // upload before done() settles, so waiting for it is enough.
    this.files.forEach((f) => f.cancel());
    await Promise.all(this.files.map((f) => f.settled));
    try {
      await removePrefix(this.client, this.bucket, this.prefix);
    } catch (cause) {
      throw new StoreError(
        `${this.location}: cannot remove the failed run (${describeS3Error(cause)})`,
        { cause },
      );
    }
  }
}

/**
 * A file streamed to S3 with lib-storage: parts of PART_SIZE, QUEUE_SIZE of
 * them in flight, so memory stays bounded whatever the file's size.
 * A failed request surfaces at the next write() or at close().
 */
class UploadFile implements OutputFile {
  readonly settled: Promise<void>;
  completed = false;
  private readonly body = new PassThrough();
  private failure?: unknown;
  private closing?: Promise<void>;

  constructor(
    client: S3Client,
    bucket: string,
    key: string,
    readonly relativePath: string,
    readonly uri: string,
  ) {
    // Failures reach the writer through done(); without a listener a
    // failed body would also be thrown as an uncaught error.
    this.body.on('error', () => undefined);
    const extension = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
    const upload = new Upload({
      client,
      params: {
        Bucket: bucket,
        Key: key,
        Body: this.body,
        ContentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
    });
    this.settled = upload.done().then(
      () => {
        this.completed = true;
      },
      (cause: unknown) => {
        this.failure ??= cause;
        // Wakes a writer waiting for a drain that will never come.
        this.body.destroy();
      },
    );
  }

  async write(chunk: string | Uint8Array): Promise<void> {
    this.check();
    if (this.closing) {
      throw new StoreError(`${this.uri}: written to after close`);
    }
    if (!this.body.destroyed && this.body.write(chunk)) return;
    if (!this.body.destroyed) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.body.off('drain', wake).off('close', wake);
          resolve();
        };
        this.body.on('drain', wake).on('close', wake);
      });
    }
    // lib-storage closes the body as soon as a part fails, but reports the
    // failure only once its other requests are done.
    if (this.body.destroyed) {
      await this.settled;
      this.check();
      throw new StoreError(`${this.uri}: the upload stopped reading`);
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.check();
      this.body.end();
      await this.settled;
      if (!this.completed) this.check();
    })();
    return this.closing;
  }

  /** Stops the upload unless it already finished. */
  cancel(): void {
    if (this.completed) return;
    const aborted = new Error('the run was aborted');
    this.failure ??= aborted;
    this.body.destroy(aborted);
  }

  /** Throws once the upload has failed or the run was aborted. */
  private check(): void {
    if (this.failure === undefined) return;
    const cause = this.failure;
    throw new StoreError(
      `${this.uri}: upload failed (${describeS3Error(cause)})`,
      { cause },
    );
  }
}
