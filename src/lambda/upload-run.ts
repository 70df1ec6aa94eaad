import { createHash } from 'node:crypto';
import path from 'node:path';
import type { LoadedConfig } from '../config/load';
import {
  formatDateTime,
  parseDateTime,
  SECONDS_PER_DAY,
} from '../core/datetime';
import type { UploadedObject } from './events';

/** An object already in the bucket, as a listing gives it. */
export interface ListedObject {
  key: string;
  etag: string;
}

/** What one uploaded sample leads to. */
export type UploadPlan =
  | { action: 'ignore'; reason: string }
  | { action: 'wait'; config: string; missing: string[] }
  | {
      action: 'run';
      config: string;
      runId: string;
      /** The words of the run, as a direct invoke would give them. */
      words: string[];
    };

/**
 * Decides what an uploaded sample starts. The config is the bundled one
 * with a file pattern matching the object's name. A dataset of several
 * files runs once every one of them is present for the same date; the
 * earlier arrivals wait. The run's id and seed come from the objects' keys
 * and ETags, so a re-delivered event makes the same run, byte for byte.
 */
export function planUpload(
  object: UploadedObject,
  configs: LoadedConfig[],
  siblings: ListedObject[],
  extraWords: string[],
): UploadPlan {
  const name = path.posix.basename(object.key);
  const config = configs.find((c) =>
    c.config.files.some((f) => new RegExp(f.match).test(name)),
  );
  if (!config) {
    return {
      action: 'ignore',
      reason: `${object.key} matches no bundled config`,
    };
  }
  const date = /\d{8}/.exec(name)?.[0];
  const folder = path.posix.dirname(object.key);
  const chosen: { role: string; key: string; etag: string }[] = [];
  const missing: string[] = [];
  for (const file of config.config.files) {
    const pattern = new RegExp(file.match);
    if (pattern.test(name)) {
      chosen.push({ role: file.role, key: object.key, etag: object.etag });
      continue;
    }
    const sibling = siblings
      .filter((s) => path.posix.dirname(s.key) === folder)
      .filter((s) => pattern.test(path.posix.basename(s.key)))
      .filter((s) => !date || path.posix.basename(s.key).includes(date))
      .sort((a, b) => (a.key < b.key ? 1 : -1))[0];
    if (sibling) chosen.push({ role: file.role, ...sibling });
    else missing.push(file.role);
  }
  if (missing.length) {
    return { action: 'wait', config: config.source, missing };
  }
  // Everything that shapes the dataset goes into its key: the same
  // objects with other arguments, or in another bucket, are another run.
  const runKey = createHash('sha256')
    .update(
      [
        object.bucket,
        ...chosen.map((c) => `${c.key}@${c.etag.replace(/"/g, '')}`).sort(),
        JSON.stringify(extraWords),
      ].join('\n'),
    )
    .digest('hex')
    .slice(0, 16);
  return {
    action: 'run',
    config: config.source,
    runId: `s3-${runKey}`,
    words: [
      '--files',
      ...chosen.map((c) => `s3://${object.bucket}/${c.key}:${c.role}`),
      '--config',
      config.source,
      '--seed',
      runKey,
      '--date_range',
      weekBefore(date, object.eventTime),
      ...extraWords,
    ],
  };
}

/**
 * The seven days before the date in the sample's name (or before the
 * upload's day): fixed by the objects, never by when the event arrives.
 */
function weekBefore(date: string | undefined, eventTime: string): string {
  let anchor = date ? parseDateTime(date, 'YYYYMMDD') : NaN;
  if (Number.isNaN(anchor)) {
    const t = Date.parse(eventTime);
    anchor = Number.isNaN(t)
      ? 0
      : Math.floor(t / 1000 / SECONDS_PER_DAY) * SECONDS_PER_DAY;
  }
  const last = anchor - SECONDS_PER_DAY;
  const first = last - 6 * SECONDS_PER_DAY;
  const f = (t: number) => formatDateTime(t, 'MM-DD-YY');
  return `${f(first)}:${f(last)}`;
}
