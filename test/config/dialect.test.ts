import { parseConfig } from '../../src/config/load';
import { ConfigError } from '../../src/errors';
import { tinyConfig } from '../support/messy';

const parse = (extra: Record<string, unknown>) =>
  parseConfig(
    JSON.stringify(tinyConfig(['id', 'vehicle'], extra)),
    'messy.json',
  );

describe('a file dialect in a config', () => {
  it('is optional, and so are its fields', () => {
    expect(parse({}).config.files[0].dialect).toBeUndefined();
    expect(
      parse({ dialect: { delimiter: '\t' } }).config.files[0],
    ).toMatchObject({ dialect: { delimiter: '\t' } });
  });

  it('names the key of a delimiter it does not know', () => {
    const attempt = () => parse({ dialect: { delimiter: ':' } });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow('files.0(messy).dialect.delimiter');
  });

  it('rejects an unknown encoding and unknown keys', () => {
    expect(() => parse({ dialect: { encoding: 'ebcdic' } })).toThrow(
      'files.0(messy).dialect.encoding',
    );
    expect(() => parse({ dialect: { separator: ';' } })).toThrow(
      'files.0(messy).dialect',
    );
  });
});
