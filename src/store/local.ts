import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { SampleError, StoreError } from '../errors';
import type { OutputFile, RunOutput, Store } from './types';

/** Largest sample or config read into memory. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

/**
 * A run folder on local disk. Files go under a hidden `.<run id>.partial`
 * folder that is renamed into place on publish, so a failed run leaves no
 * folder that looks complete.
 */
export class LocalStore implements Store {
  constructor(private readonly root: string) {}

  async begin(runId: string): Promise<RunOutput> {
    const final = path.resolve(this.root, runId);
    const partial = path.resolve(this.root, `.${runId}.partial`);
    try {
      await ensureFolder(path.resolve(this.root));
      await mkdir(partial, { recursive: true });
    } catch (cause) {
      throw new StoreError(
        `--store ${this.root}: cannot create a folder there (${reason(cause)})`,
        { cause },
      );
    }
    const open: WriteStream[] = [];
    return {
      location: final,
      locate: (relative) => path.join(final, relative),
      create: async (relative) => {
        const file = path.join(partial, relative);
        await mkdir(path.dirname(file), { recursive: true });
        const stream = createWriteStream(file);
        open.push(stream);
        return streamFile(stream, file);
      },
      publish: async () => {
        try {
          await rename(partial, final);
        } catch (cause) {
          throw new StoreError(
            `${final}: cannot publish the run (${reason(cause)})`,
            { cause },
          );
        }
      },
      abort: async () => {
        open.forEach((s) => s.destroy());
        await rm(partial, { recursive: true, force: true });
      },
    };
  }
}

/**
 * Creates a folder and its missing parents one level at a time. Node's
 * recursive mkdir loops forever where a parent refuses new entries with
 * ENOENT (as /proc does); this gives up after one try per level.
 */
async function ensureFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if ((await stat(dir)).isDirectory()) return;
      throw cause;
    }
    const parent = path.dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw cause;
    await ensureFolder(parent);
    await mkdir(dir);
  }
}

function streamFile(stream: WriteStream, file: string): OutputFile {
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure = error;
  });
  const check = () => {
    if (failure) {
      throw new StoreError(`${file}: write failed (${failure.message})`, {
        cause: failure,
      });
    }
  };
  return {
    write: (chunk) =>
      new Promise<void>((resolve, reject) => {
        check();
        if (stream.write(chunk)) return resolve();
        const onDrain = () => {
          stream.off('error', onError);
          resolve();
        };
        const onError = (error: Error) => {
          stream.off('drain', onDrain);
          reject(
            new StoreError(`${file}: write failed (${error.message})`, {
              cause: error,
            }),
          );
        };
        stream.once('drain', onDrain);
        stream.once('error', onError);
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        stream.end((error?: Error | null) => {
          if (error || failure) {
            const e = error ?? failure!;
            reject(
              new StoreError(`${file}: write failed (${e.message})`, {
                cause: e,
              }),
            );
          } else resolve();
        });
      }),
  };
}

/**
 * Reads a local file as UTF-8 text, as `readLocalBytes` does.
 * @throws SampleError as `readLocalBytes` does.
 */
export async function readLocalText(file: string): Promise<string> {
  return (await readLocalBytes(file)).toString('utf8');
}

/**
 * Reads a local file's bytes, so a sample's encoding can be checked.
 * @throws SampleError naming the file when it is missing, a folder,
 *   unreadable or too large.
 */
export async function readLocalBytes(file: string): Promise<Buffer> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory())
      throw new SampleError(`${file}: is a folder, expected a file`);
    size = info.size;
  } catch (cause) {
    if (cause instanceof SampleError) throw cause;
    throw new SampleError(`${file}: cannot read the file (${reason(cause)})`, {
      cause,
    });
  }
  if (size > MAX_INPUT_BYTES) {
    throw new SampleError(
      `${file}: ${size} bytes, expected at most ${MAX_INPUT_BYTES}`,
    );
  }
  try {
    return await readFile(file);
  } catch (cause) {
    throw new SampleError(`${file}: cannot read the file (${reason(cause)})`, {
      cause,
    });
  }
}

function reason(cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  return cause instanceof Error ? cause.message : String(cause);
}
