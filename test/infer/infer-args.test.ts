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
      files: ['a/SG_1_INCIDENT.csv', 'b/SG_1_SUMMARY.csv'],
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
    ).rejects.toThrow('--seed: not used by infer, expected only --files');
  });

  it('passes --config auto through to a generate job', async () => {
    const job = await parseArgs(['--files', 'a.csv', '--config', 'auto'], env);
    expect(job).toMatchObject({ command: 'generate', config: 'auto' });
  });
});
