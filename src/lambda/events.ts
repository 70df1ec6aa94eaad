import { parse } from 'shell-quote';
import { ArgumentError } from '../errors';

/** One uploaded object named by an S3 event notification. */
export interface UploadedObject {
  bucket: string;
  key: string;
  etag: string;
  /** When S3 saw the upload; a re-delivery carries the same time. */
  eventTime: string;
}

/** What an invocation asks for, whatever started it. */
export type Invocation =
  | { kind: 'direct'; words: string[] }
  | { kind: 'schedule'; words: string[] }
  | { kind: 'upload'; objects: UploadedObject[] };

/**
 * Recognises the three ways the function is started: a direct invoke whose
 * event is an argument string (or `{ "args": "..." }`), an S3 event
 * notification, and an EventBridge schedule whose input carries `args`.
 * @throws ArgumentError for an event of none of these shapes.
 */
export function classifyEvent(
  event: unknown,
  scheduleArgs: string | undefined,
): Invocation {
  if (typeof event === 'string')
    return { kind: 'direct', words: splitArgs(event) };
  if (typeof event !== 'object' || event === null) {
    throw new ArgumentError('event: expected an argument string or an object');
  }
  const e = event as Record<string, unknown>;
  if (Array.isArray(e.Records))
    return { kind: 'upload', objects: uploads(e.Records) };
  if (e.trigger === 'schedule' && e.args === undefined) {
    return { kind: 'schedule', words: scheduleWords(scheduleArgs) };
  }
  if (typeof e.args === 'string') {
    const kind = e.trigger === 'schedule' ? 'schedule' : 'direct';
    return { kind, words: splitArgs(e.args) };
  }
  if (e['detail-type'] === 'Scheduled Event') {
    return { kind: 'schedule', words: scheduleWords(scheduleArgs) };
  }
  throw new ArgumentError(
    'event: expected an argument string, {"args": "..."}, an S3 event or a scheduled event',
  );
}

function scheduleWords(scheduleArgs: string | undefined): string[] {
  if (!scheduleArgs) {
    throw new ArgumentError(
      'event: a scheduled event without "args" needs SCHEDULE_ARGS set',
    );
  }
  return splitArgs(scheduleArgs);
}

/**
 * Splits an argument string as a shell would (quotes, escapes), refusing
 * shell operators such as `|` or `;` that have no meaning here.
 * @throws ArgumentError naming the operator.
 */
export function splitArgs(text: string): string[] {
  // Variables are not expanded: $NAME stays as written.
  return parse(text, (name) => `$${name}`).map((token) => {
    if (typeof token === 'string') return token;
    if ('pattern' in token) return token.pattern;
    const op = 'op' in token ? token.op : JSON.stringify(token);
    throw new ArgumentError(`event: "${op}" is not an argument, in "${text}"`);
  });
}

function uploads(records: unknown[]): UploadedObject[] {
  return records.map((record, i) => {
    const r = record as {
      s3?: {
        bucket?: { name?: string };
        object?: { key?: string; eTag?: string };
      };
      eventTime?: string;
    };
    const bucket = r.s3?.bucket?.name;
    const key = r.s3?.object?.key;
    if (!bucket || !key) {
      throw new ArgumentError(
        `event.Records.${i}: expected s3.bucket.name and s3.object.key`,
      );
    }
    return {
      bucket,
      // Keys arrive URL-encoded, with + for spaces.
      key: decodeURIComponent(key.replace(/\+/g, ' ')),
      etag: r.s3?.object?.eTag ?? '',
      eventTime: r.eventTime ?? '',
    };
  });
}
