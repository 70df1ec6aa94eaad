import { ArgumentError } from '../../src/errors';
import { classifyEvent, splitArgs } from '../../src/lambda/events';

describe('classifyEvent', () => {
  it('reads a direct invoke given as an argument string', () => {
    expect(
      classifyEvent(
        '--files fixtures/PERFORM_20200911.csv --config performance',
        undefined,
      ),
    ).toEqual({
      kind: 'direct',
      words: [
        '--files',
        'fixtures/PERFORM_20200911.csv',
        '--config',
        'performance',
      ],
    });
  });

  it('reads {"args"} as a direct invoke and a schedule input as a schedule', () => {
    expect(classifyEvent({ args: '--seed 4' }, undefined)).toEqual({
      kind: 'direct',
      words: ['--seed', '4'],
    });
    expect(
      classifyEvent(
        { trigger: 'schedule', args: '--files s3://b/samples/PERFORM_*.csv' },
        undefined,
      ),
    ).toEqual({
      kind: 'schedule',
      words: ['--files', 's3://b/samples/PERFORM_*.csv'],
    });
  });

  it('falls back to SCHEDULE_ARGS for a bare scheduled event', () => {
    expect(
      classifyEvent(
        { 'detail-type': 'Scheduled Event', source: 'aws.events' },
        '--seed 1',
      ),
    ).toEqual({ kind: 'schedule', words: ['--seed', '1'] });
    expect(classifyEvent({ trigger: 'schedule' }, '--seed 2')).toEqual({
      kind: 'schedule',
      words: ['--seed', '2'],
    });
    expect(() =>
      classifyEvent({ 'detail-type': 'Scheduled Event' }, undefined),
    ).toThrow('a scheduled event without "args" needs SCHEDULE_ARGS set');
  });

  it('decodes the objects of an S3 notification', () => {
    const event = {
      Records: [
        {
          eventTime: '2020-06-10T09:30:00.000Z',
          s3: {
            bucket: { name: 'fleet' },
            object: {
              key: 'samples/SG_20200609_DAILY+DRIVER%2BX.csv',
              eTag: 'abc',
            },
          },
        },
      ],
    };
    expect(classifyEvent(event, undefined)).toEqual({
      kind: 'upload',
      objects: [
        {
          bucket: 'fleet',
          key: 'samples/SG_20200609_DAILY DRIVER+X.csv',
          etag: 'abc',
          eventTime: '2020-06-10T09:30:00.000Z',
        },
      ],
    });
  });

  it('rejects other events with one line', () => {
    expect(() => classifyEvent(42, undefined)).toThrow(ArgumentError);
    expect(() => classifyEvent({ hello: 1 }, undefined)).toThrow(
      'event: expected an argument string, {"args": "..."}, an S3 event or a scheduled event',
    );
    expect(() => classifyEvent({ Records: [{}] }, undefined)).toThrow(
      'event.Records.0: expected s3.bucket.name and s3.object.key',
    );
  });
});

describe('splitArgs', () => {
  it('splits like a shell, keeping quotes, globs and dollar signs as written', () => {
    expect(
      splitArgs(`--seed "two words" --files 's3://b/P_*.csv' x$HOME`),
    ).toEqual(['--seed', 'two words', '--files', 's3://b/P_*.csv', 'x$HOME']);
    expect(splitArgs('--files s3://b/P_*.csv')).toEqual([
      '--files',
      's3://b/P_*.csv',
    ]);
  });

  it('refuses shell operators', () => {
    expect(() => splitArgs('--seed 1; rm -rf /')).toThrow(
      'event: ";" is not an argument',
    );
  });
});
