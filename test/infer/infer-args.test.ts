import { parseArgs } from '../../src/args';
import { ArgumentError } from '../../src/errors';
import { NOW } from '../support/job';

const env = { now: NOW, drawSeed: () => '99' };

describe('parseArgs for infer', () => {
  it('reads the sample files of infer', async () => {
    const command = await parseArgs(
      ['infer', '--files', 'a/SG_1_INCIDENT.csv', 'b/SG_1_SUMMARY.csv'],
      env,
    );
    expect(command).toEqual({
      command: 'infer',
      files: [{ path: 'a/SG_1_INCIDENT.csv' }, { path: 'b/SG_1_SUMMARY.csv' }],
    });
  });

  it('asks for --files', async () => {
    await expect(parseArgs(['infer'], env)).rejects.toThrow(
      new ArgumentError('--files: expected one or more sample CSV files'),
    );
  });

  it('refuses options that only generating uses', async () => {
    await expect(
      parseArgs(['infer', '--files', 'a.csv', '--seed', '3'], env),
    ).rejects.toThrow(
      '--seed: not used by infer, expected only --files and --encoding',
    );
    await expect(
      parseArgs(['infer', '--files', 'a.csv', '--store', 'out'], env),
    ).rejects.toThrow('--store: not used by infer');
  });

  it('passes --config auto through to a generate job', async () => {
    const job = await parseArgs(['--files', 'a.csv', '--config', 'auto'], env);
    expect(job).toMatchObject({ command: 'generate', config: 'auto' });
  });
});

describe('inference with file:role', () => {
  it('takes the role given instead of one from the name', async () => {
    const { inferConfig } = await import('../../src/infer');
    const text = 'unit,v\n' + 'A,1\nB,2\nA,3\nB,4\nC,5\n'.repeat(4);
    const config = inferConfig([
      { name: 'fleet_20210101.csv', text, role: 'trips' },
    ]);
    expect(config.primary).toBe('trips');
    expect(config.files[0].match).toBe('^fleet_\\d{8}\\.csv$');
  });

  it('reads infer --files f:role as a file and its role', async () => {
    const command = await parseArgs(
      ['infer', '--files', 'a/fleet.csv:trips'],
      env,
    );
    expect(command).toEqual({
      command: 'infer',
      files: [{ path: 'a/fleet.csv', role: 'trips' }],
    });
  });
});
