import { parseArgs, parseFileArgument } from '../src/args';
import { ArgumentError } from '../src/errors';
import { NOW } from './support/job';

const env = { now: NOW, drawSeed: () => '99' };
const base = ['--files', 'a/PERFORM_20200911.csv', '--config', 'performance'];

describe('parseArgs', () => {
  it('reads every option of a generate job', async () => {
    const job = await parseArgs(
      [
        ...base,
        '--data_size',
        '30000',
        '--date_range',
        '10-13-22:10-16-22',
        '--store',
        'out',
        '--seed',
        '42',
      ],
      env,
    );
    expect(job).toMatchObject({
      command: 'generate',
      files: [{ path: 'a/PERFORM_20200911.csv' }],
      config: 'performance',
      dataSize: 30000,
      range: { start: '2022-10-13', end: '2022-10-16' },
      store: 'out',
      seed: '42',
      seedDrawn: false,
    });
    if (job.command !== 'generate') throw new Error('not a job');
    expect(job.days).toEqual([
      Date.UTC(2022, 9, 13) / 1000,
      Date.UTC(2022, 9, 14) / 1000,
      Date.UTC(2022, 9, 15) / 1000,
      Date.UTC(2022, 9, 16) / 1000,
    ]);
  });

  it('accepts dashed spellings of the options', async () => {
    const job = await parseArgs(
      [...base, '--data-size', '7', '--date-range', '01-01-23:01-02-23'],
      env,
    );
    expect(job).toMatchObject({
      dataSize: 7,
      range: { start: '2023-01-01', end: '2023-01-02' },
    });
  });

  it('defaults to 2000 rows over the 7 days ending yesterday, a drawn seed and ./mocks', async () => {
    const job = await parseArgs(base, env);
    expect(job).toMatchObject({
      dataSize: 2000,
      range: { start: '2026-11-26', end: '2026-12-02' },
      store: './mocks',
      seed: '99',
      seedDrawn: true,
    });
  });

  it('takes several files and file:role', async () => {
    const job = await parseArgs(
      [
        '--files',
        'x.csv:incident',
        's3://b/k.csv',
        '--config',
        'daily_reports',
      ],
      env,
    );
    expect(job).toMatchObject({
      files: [{ path: 'x.csv', role: 'incident' }, { path: 's3://b/k.csv' }],
    });
  });

  it('reads the runs command with a limit', async () => {
    await expect(parseArgs(['runs', '--limit', '3'], env)).resolves.toEqual({
      command: 'runs',
      limit: 3,
    });
  });

  it('rejects a --limit that is not a positive whole number', async () => {
    await expect(parseArgs(['runs', '--limit', 'abc'], env)).rejects.toThrow(
      '--limit: expected a positive whole number, found "abc"',
    );
  });

  it('answers --version', async () => {
    await expect(parseArgs(['--version'], env)).resolves.toEqual({
      command: 'version',
    });
  });

  it('returns help text naming every option', async () => {
    const help = await parseArgs(['--help'], env);
    if (help.command !== 'help') throw new Error('expected help');
    for (const option of [
      '--files',
      '--config',
      '--data_size',
      '--date_range',
      '--store',
      '--seed',
      '--encoding',
      '--neutralise_formulas',
    ]) {
      expect(help.text).toContain(option);
    }
  });

  it.each([
    [
      ['--config', 'performance'],
      '--files: expected one or more sample CSV files',
    ],
    [['--files', 'a.csv'], '--config: expected a config name or a JSON path'],
    [
      [...base, '--data_size', '0'],
      '--data_size: expected a positive whole number, found "0"',
    ],
    [
      [...base, '--data_size', '-5'],
      '--data_size: expected a positive whole number, found "-5"',
    ],
    [
      [...base, '--data_size', '12.5'],
      '--data_size: expected a positive whole number, found "12.5"',
    ],
    [
      [...base, '--data_size', 'many'],
      '--data_size: expected a positive whole number, found "many"',
    ],
    [
      [...base, '--date_range', '10-13-22'],
      '--date_range: expected mm-dd-yy:mm-dd-yy, found "10-13-22"',
    ],
    [
      [...base, '--date_range', '13-40-22:10-16-22'],
      '--date_range: "13-40-22" in "13-40-22:10-16-22" is not a date, expected mm-dd-yy',
    ],
    [
      [...base, '--date_range', '10-16-22:10-13-22'],
      '--date_range: the end 10-13-22 comes before the start 10-16-22, expected start:end',
    ],
    [
      [...base, '--date_range', '01-01-22:02-15-22'],
      '--date_range: 46 days, expected at most 30',
    ],
    [[...base, '--colour', 'red'], 'Unknown argument: colour'],
    [
      [...base, '--encoding', 'ebcdic'],
      '--encoding: unknown encoding "ebcdic", expected one of utf-8, utf-16le, utf-16be, latin1, windows-1252',
    ],
  ])('rejects %j with a one-line message', async (words, message) => {
    const attempt = parseArgs(words, env);
    await expect(attempt).rejects.toThrow(ArgumentError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('reads the encoding in any spelling and the formula option', async () => {
    const words = [...base, '--encoding', 'CP1252', '--neutralise-formulas'];
    expect(await parseArgs(words, env)).toMatchObject({
      encoding: 'windows-1252',
      neutraliseFormulas: true,
    });
    expect(await parseArgs(base, env)).toMatchObject({
      encoding: undefined,
      neutraliseFormulas: false,
    });
  });

  it('allows exactly 30 days', async () => {
    const job = await parseArgs(
      [...base, '--date_range', '01-01-22:01-30-22'],
      env,
    );
    if (job.command !== 'generate') throw new Error('not a job');
    expect(job.days).toHaveLength(30);
  });
});

describe('parseFileArgument', () => {
  it('does not mistake a URI scheme for a role', () => {
    expect(parseFileArgument('s3://bucket/PERFORM_1.csv')).toEqual({
      path: 's3://bucket/PERFORM_1.csv',
    });
    expect(parseFileArgument('a.csv:summary')).toEqual({
      path: 'a.csv',
      role: 'summary',
    });
  });
});
