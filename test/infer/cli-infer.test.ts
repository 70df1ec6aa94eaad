import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PERFORM, ROOT, runInTemp, tempDir } from '../support/job';

const BIN = path.join(ROOT, 'bin/fleetmocker.js');

function fleetmocker(args: string[]) {
  const child = spawnSync(process.execPath, [BIN, ...args], {
    cwd: tempDir('fleetmocker-infer-cli-'),
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist/cli.js'))) {
    throw new Error(
      'dist/cli.js is missing: run npm run build (npm test does)',
    );
  }
});

describe('fleetmocker infer', () => {
  it('prints a config that generates as --config auto does, unedited', async () => {
    const printed = fleetmocker(['infer', '--files', PERFORM]);
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    const config = JSON.parse(printed.stdout);
    expect(config.name).toBe('perform');
    const file = path.join(tempDir('fleetmocker-infer-'), 'perform.json');
    writeFileSync(file, printed.stdout);
    const words = (c: string) => [
      '--files',
      PERFORM,
      '--config',
      c,
      '--data_size',
      '900',
      '--date_range',
      '10-13-22:10-14-22',
      '--seed',
      '8',
    ];
    const fromFile = await runInTemp(words(file));
    const auto = await runInTemp(words('auto'));
    const hashes = (r: typeof auto) => r.result.files.map((f) => f.sha256);
    expect(hashes(fromFile)).toEqual(hashes(auto));
    expect(hashes(auto)).toHaveLength(2);
  });

  it('names a sample it cannot read, on one line, with exit status 65', () => {
    const run = fleetmocker(['infer', '--files', 'nonesuch.csv']);
    expect(run.code).toBe(65);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^fleetmocker: nonesuch\.csv: .+ \[E_SAMPLE\]\n$/,
    );
  });
});
