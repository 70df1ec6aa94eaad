import { gzipSync } from 'node:zlib';
import { detectDialect } from '../../src/sample/dialect';

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('detectDialect', () => {
  it('finds a plain comma file with the defaults', () => {
    expect(detectDialect(bytes('a,b\n1,2\n'), 'plain.csv')).toEqual({
      delimiter: ',',
      quote: 'minimal',
      bom: false,
      newline: '\n',
      encoding: 'utf-8',
    });
  });

  it('finds semicolons among decimal commas, a BOM and CRLF', () => {
    const text = '\ufeffid;speed;note\r\n1;12,5;x\r\n2;3,25;y\r\n';
    expect(detectDialect(bytes(text), 'eu.csv')).toEqual({
      delimiter: ';',
      quote: 'minimal',
      bom: true,
      newline: '\r\n',
      encoding: 'utf-8',
    });
  });

  it.each([
    ['\t', 'a\tb\tc\n1\t2,5\t3\n'],
    ['|', 'a|b|c\n1|2,5|3\n'],
  ])('finds %j as the delimiter', (delimiter, text) => {
    expect(detectDialect(text, 'x.csv').delimiter).toBe(delimiter);
  });

  it('tells every field quoted from quoting where needed', () => {
    const all = '"a","b"\n"1","x, y"\n"2",""\n';
    const minimal = 'a,b\n1,"x, y"\n2,\n';
    expect(detectDialect(all, 'all.csv').quote).toBe('all');
    expect(detectDialect(minimal, 'minimal.csv').quote).toBe('minimal');
  });

  it('reads text as UTF-8 with its BOM', () => {
    expect(detectDialect('\ufeffa;b\n1;2\n', 'text.csv')).toMatchObject({
      delimiter: ';',
      bom: true,
      encoding: 'utf-8',
    });
  });

  it('refuses a gzip-compressed file', () => {
    expect(() => detectDialect(gzipSync('a,b\n1,2\n'), 'x.csv')).toThrow(
      'x.csv: looks like a gzip-compressed file, expected CSV text (decompress it first)',
    );
  });

  it('names the line that is not valid UTF-8', () => {
    const latin1 = Buffer.from('name,city\nA,Zürich\nB,Köln\n', 'latin1');
    expect(() => detectDialect(latin1, 'x.csv')).toThrow(
      'x.csv: line 2 is not valid UTF-8; pass --encoding latin1 (or windows-1252, utf-16le) if the file uses another encoding',
    );
  });
});
