import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseConfig } from '../../src/config/load';
import { ROOT } from '../support/job';

const performance = JSON.parse(
  readFileSync(path.join(ROOT, 'configs/performance.json'), 'utf8'),
);

const withCopula = (
  copula: unknown,
  change = (_: typeof performance) => {},
) => {
  const config = structuredClone(performance);
  config.files[0].copula = copula;
  change(config);
  return () => parseConfig(JSON.stringify(config), 'perf');
};

describe('the copula key', () => {
  it('accepts groups of number columns, hidden ones included', () => {
    const { config } = withCopula([
      ['AVERAGE_MPH', 'DRIVING_SECONDS', 'UPLOAD_LAG'],
    ])();

    expect(config.files[0].copula).toEqual([
      ['AVERAGE_MPH', 'DRIVING_SECONDS', 'UPLOAD_LAG'],
    ]);
  });

  it('is empty when a file declares none', () => {
    const { config } = withCopula(undefined)();

    expect(config.files[0].copula).toEqual([]);
  });

  it('names a column the file does not have', () => {
    expect(withCopula([['AVERAGE_MPH', 'SPEED']])).toThrow(
      'config perf: files.0(perform).copula.0.1: expected a column of the file, found "SPEED"',
    );
  });

  it('names a column that is not drawn by kind number', () => {
    expect(withCopula([['AVERAGE_MPH', 'TRAVELED_MILES']])).toThrow(
      'files.0(perform).copula.0.1: "TRAVELED_MILES" has kind "expr", expected "number"',
    );
  });

  it('names a column put in two groups', () => {
    expect(
      withCopula([
        ['AVERAGE_MPH', 'DRIVING_SECONDS'],
        ['UPLOAD_LAG', 'AVERAGE_MPH'],
      ]),
    ).toThrow(
      'files.0(perform).copula.1.1: "AVERAGE_MPH" is in a group already',
    );
  });

  it('refuses a group of one column', () => {
    expect(withCopula([['AVERAGE_MPH']])).toThrow('files.0(perform).copula.0');
  });

  it('refuses a group whose columns read different samples', () => {
    const change = (config: typeof performance) => {
      config.files[0].columns.find(
        (c: { name: string }) => c.name === 'UPLOAD_LAG',
      ).file = 'other';
    };

    expect(withCopula([['AVERAGE_MPH', 'UPLOAD_LAG']], change)).toThrow(
      'files.0(perform).copula.0.1: "UPLOAD_LAG" reads the sample of other',
    );
  });
});
