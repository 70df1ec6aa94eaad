import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { parseConfig } from '../../src/config/load';
import { readSample } from '../../src/sample/read';
import { MESSY, tinyConfig, type TinyColumn } from '../support/messy';

const specOf = (columns: TinyColumn[], extra = {}) =>
  parseConfig(JSON.stringify(tinyConfig(columns, extra)), 'messy').config
    .files[0];
const fixture = (name: string) => readFileSync(path.join(MESSY, name));
const plain = specOf(['id', 'vehicle', 'note']);

/** A zip archive holding one deflated file, as `zip` writes it. */
function zipOf(name: string, content: string): Buffer {
  const data = deflateRawSync(content);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(8, 8);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(content.length, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, Buffer.from(name), data]);
}

describe('readSample', () => {
  it('reads decimal commas as numbers in a semicolon file', () => {
    const spec = specOf([
      'id',
      'vehicle',
      { name: 'speed', type: 'number' },
      { name: 'odometer', type: 'number' },
      'note',
    ]);
    const sample = readSample(fixture('eu-semicolon.csv'), 'eu.csv', spec);
    expect(sample.header).toEqual([
      'id',
      'vehicle',
      'speed',
      'odometer',
      'note',
    ]);
    expect(sample.rows.map((r) => [r.id, r.speed, r.odometer, r.note])).toEqual(
      [
        ['001', 12.5, 1000.25, 'ok'],
        ['002', 30, 2000.5, 'a;b'],
        ['003', 7.75, 1500, 'x'],
      ],
    );
    expect(sample.decimalSeparators).toEqual({ speed: ',', odometer: ',' });
    expect(sample.dialect).toEqual({
      delimiter: ';',
      quote: 'minimal',
      bom: true,
      newline: '\r\n',
      encoding: 'utf-8',
    });
  });

  it('keeps ids as text, digit for digit', () => {
    const spec = specOf(['id', 'vehicle', 'account']);
    const sample = readSample(fixture('long-ids.csv'), 'ids.csv', spec);
    expect(sample.rows.map((r) => [r.id, r.account])).toEqual([
      ['007', '123456789012345678901'],
      ['0042', '98765432109876543210987'],
      ['7', '9007199254740993'],
    ]);
  });

  it('reads a quoted field across lines', () => {
    const sample = readSample(fixture('quoted-all.csv'), 'q.csv', plain);
    expect(sample.records).toEqual([
      ['1', 'V1', 'line one\nline two'],
      ['2', 'V2', 'a, b'],
      ['3', 'V1', ''],
    ]);
  });

  it.each([
    ['empty.csv', 'the file is empty, expected a header line'],
    ['header-only.csv', 'no data rows after the header, expected at least one'],
    [
      'ragged-multiline.csv',
      'line 5 has 2 fields, expected 3 as in the header',
    ],
    [
      'unclosed-quote.csv',
      'line 2: a quoted field is never closed, expected a closing "',
    ],
  ])('refuses %s', (name, message) => {
    expect(() => readSample(fixture(name), 'x.csv', plain)).toThrow(
      `x.csv: ${message}`,
    );
  });

  it('refuses a column named twice, naming both positions', () => {
    const spec = specOf(['id', 'speed', 'vehicle']);
    expect(() => readSample(fixture('duplicate.csv'), 'x.csv', spec)).toThrow(
      'x.csv: column "speed" appears twice (columns 2 and 4), expected unique names',
    );
  });

  it('names a line whose line break differs from the first', () => {
    const text = 'id,vehicle,note\n1,V1,x\n2,V2,y\r\n3,V3,z\n';
    expect(() => readSample(Buffer.from(text), 'x.csv', plain)).toThrow(
      'x.csv: line 3 ends in \\r\\n but line 1 in \\n, expected one kind of line break',
    );
  });

  it('names a blank line among the rows', () => {
    const text = 'id,vehicle,note\n1,V1,x\n\n2,V2,y\n';
    expect(() => readSample(Buffer.from(text), 'x.csv', plain)).toThrow(
      'x.csv: line 3 is blank, expected 3 fields as in the header',
    );
  });

  it('counts a line with too many fields after a multi-line field', () => {
    const text = 'id,vehicle,note\n1,V1,"a\nb\nc"\n2,V2,x,extra\n';
    expect(() => readSample(Buffer.from(text), 'x.csv', plain)).toThrow(
      'x.csv: line 5 has 4 fields, expected 3 as in the header',
    );
  });

  it.each([
    [
      'gzip',
      () => gzipSync('id,vehicle,note\n1,V1,x\n'),
      'looks like a gzip-compressed file, expected CSV text (decompress it first)',
    ],
    [
      'zip',
      () => zipOf('x.csv', 'id,vehicle,note\n1,V1,x\n'),
      'looks like a zip archive (or an .xlsx workbook), expected CSV text (extract it or save the sheet as CSV first)',
    ],
    [
      'binary',
      () => Buffer.from([0x69, 0x64, 0x2c, 0x00, 0x01, 0x02, 0xff, 0x0a]),
      'has a NUL byte at offset 3, looks like a binary file, expected CSV text',
    ],
    [
      'UTF-16 without a BOM',
      () => Buffer.from('id,vehicle,note\n1,V1,x\n', 'utf16le'),
      'looks like UTF-16 text without a byte-order mark, expected UTF-8 (pass --encoding utf-16le or utf-16be)',
    ],
    [
      'lone carriage returns',
      () => Buffer.from('id,vehicle,note\r1,V1,x\r2,V2,y\r'),
      'lines end in a lone carriage return (old Mac style), expected \\n or \\r\\n line breaks',
    ],
  ])('refuses %s', (_, bytes, message) => {
    expect(() => readSample(bytes(), 'x.csv', plain)).toThrow(
      `x.csv: ${message}`,
    );
  });

  it('reads windows-1252 and latin1 as asked', () => {
    const spec = specOf(['name', 'city']);
    const bytes = Buffer.from([
      ...Buffer.from('name,city\nA,'),
      0x80,
      0xfc,
      0x0a,
    ]);
    const cp1252 = readSample(bytes, 'x.csv', spec, {
      encoding: 'windows-1252',
    });
    expect(cp1252.rows[0].city).toBe('€ü');
    const latin1 = readSample(bytes, 'x.csv', spec, { encoding: 'latin1' });
    expect(latin1.rows[0].city).toBe('\u0080ü');
  });
});
