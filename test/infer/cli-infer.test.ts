import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fleetmocker as run, requireBuiltCli } from '../support/cli';
import { PERFORM, runInTemp, tempDir } from '../support/job';

const fleetmocker = (args: string[]) =>
  run(args, {}, tempDir('fleetmocker-infer-cli-'));

beforeAll(requireBuiltCli);

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
