import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  MESSY,
  readMock,
  runTiny,
  sampleFile,
  tinyConfig,
} from '../support/messy';

const fixture = (name: string) => path.join(MESSY, name);

describe('a messy sample run through the pipeline', () => {
  it('keeps semicolons, decimal commas, the BOM and CRLF', async () => {
    const sample = fixture('eu-semicolon.csv');
    const config = tinyConfig([
      'id',
      'vehicle',
      { name: 'speed', type: 'number' },
      { name: 'odometer', type: 'number' },
      'note',
    ]);
    const result = await runTiny(sample, config);
    const mock = readMock(result);
    expect(mock.dialect).toEqual({
      delimiter: ';',
      quote: 'minimal',
      bom: true,
      newline: '\r\n',
      encoding: 'utf-8',
    });
    expect(mock.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(mock.header).toEqual(['id', 'vehicle', 'speed', 'odometer', 'note']);
    expect(mock.errors).toEqual([]);
    const speeds = new Set(mock.rows.map((r) => r[2]));
    expect([...speeds].every((s) => ['12,5', '30', '7,75'].includes(s))).toBe(
      true,
    );
    expect(new Set(mock.rows.map((r) => r[4]))).toContain('a;b');
    expect(mock.text).toContain('"a;b"');
    expect(mock.text.split('\r\n').length).toBe(mock.rows.length + 2);
    expect(new Set(mock.rows.map((r) => r[0]))).toEqual(
      new Set(['001', '002', '003']),
    );
    const manifest = JSON.parse(readFileSync(result.manifestLocation, 'utf8'));
    const methods = Object.fromEntries(
      manifest.fidelity.files[0].columns.map(
        (c: { name: string; method: string }) => [c.name, c.method],
      ),
    );
    expect(methods.speed).toBe(methods.odometer);
    expect(methods.speed).toBe('values');
  });

  it.each([
    ['tabs.csv', '\t', 'tab\there'],
    ['pipes.csv', '|', 'pipe|here'],
  ])('writes %s with its delimiter', async (name, delimiter, quoted) => {
    const config = tinyConfig([
      'id',
      'vehicle',
      { name: 'speed', type: 'number' },
      'note',
    ]);
    const mock = readMock(await runTiny(fixture(name), config));
    expect(mock.dialect.delimiter).toBe(delimiter);
    expect(mock.header).toEqual(['id', 'vehicle', 'speed', 'note']);
    expect(new Set(mock.rows.map((r) => r[2]))).toEqual(
      new Set(['12.5', '30', '7.75']),
    );
    expect(new Set(mock.rows.map((r) => r[3]))).toContain(quoted);
  });

  it('quotes every field when the sample does, line breaks included', async () => {
    const config = tinyConfig(['id', 'vehicle', 'note']);
    const mock = readMock(await runTiny(fixture('quoted-all.csv'), config));
    expect(mock.dialect.quote).toBe('all');
    expect(mock.text.startsWith('"id","vehicle","note"\n"')).toBe(true);
    expect(new Set(mock.rows.map((r) => r[2]))).toEqual(
      new Set(['line one\nline two', 'a, b', '']),
    );
  });

  it('keeps leading zeros and integers past 2^53 digit for digit', async () => {
    const config = tinyConfig(['id', 'vehicle', 'account']);
    const mock = readMock(await runTiny(fixture('long-ids.csv'), config));
    expect(new Set(mock.rows.map((r) => r[0]))).toEqual(
      new Set(['007', '0042', '7']),
    );
    expect(new Set(mock.rows.map((r) => r[2]))).toEqual(
      new Set([
        '123456789012345678901',
        '98765432109876543210987',
        '9007199254740993',
      ]),
    );
  });

  it('refuses an integer past 2^53 in a number column', async () => {
    const config = tinyConfig([
      'id',
      'vehicle',
      { name: 'account', type: 'number' },
    ]);
    const sample = fixture('long-ids.csv');
    await expect(runTiny(sample, config)).rejects.toThrow(
      `${sample}: line 2, column account: "123456789012345678901" has more digits than a number keeps exactly, expected type "text" for such identifiers`,
    );
  });

  describe('values that spreadsheets run as formulas', () => {
    const config = tinyConfig([
      'id',
      'vehicle',
      'comment',
      { name: 'delta', type: 'number' },
    ]);
    const written = async (extra: string[]) => {
      const mock = readMock(
        await runTiny(fixture('formulas.csv'), config, extra),
      );
      return {
        comments: new Set(mock.rows.map((r) => r[2])),
        deltas: new Set(mock.rows.map((r) => r[3])),
      };
    };

    it('keeps them as text by default', async () => {
      const { comments, deltas } = await written([]);
      expect(comments).toEqual(
        new Set(['=1+2', '+33 555 0101', '-x', '@SUM(A1)', '-7']),
      );
      expect(deltas).toEqual(new Set(['-5', '3', '-7.5', '0', '1']));
    });

    it.each(['--neutralise-formulas', '--neutralise_formulas'])(
      'prefixes text, never numbers, with %s',
      async (option) => {
        const { comments, deltas } = await written([option]);
        expect(comments).toEqual(
          new Set(["'=1+2", "'+33 555 0101", "'-x", "'@SUM(A1)", '-7']),
        );
        expect(deltas).toEqual(new Set(['-5', '3', '-7.5', '0', '1']));
      },
    );
  });

  it('writes markup in names and values as text in the report', async () => {
    const names = ['id', '<b>bold</b>', 'say "hi"', 'a & b'];
    const result = await runTiny(fixture('markup.csv'), tinyConfig(names));
    const mock = readMock(result);
    expect(mock.header).toEqual(names);
    const html = readFileSync(result.reportLocation, 'utf8');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('a &amp; b');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).not.toContain('<script>alert(1)</script>');
    const ids = [...html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    ids.forEach((id) => expect(id).toMatch(/^[A-Za-z][\w-]*$/));
    expect(new Set(ids).size).toBe(ids.length);
    const anchors = [...html.matchAll(/href="#([^"]*)"/g)].map((m) => m[1]);
    anchors.forEach((a) => expect(ids).toContain(a));
  });

  describe('in another encoding', () => {
    const config = tinyConfig(['name', 'city']);

    it('names the first line that is not UTF-8', async () => {
      const sample = fixture('latin1.csv');
      await expect(runTiny(sample, config)).rejects.toThrow(
        `${sample}: line 2 is not valid UTF-8; pass --encoding latin1 (or windows-1252, utf-16le) if the file uses another encoding`,
      );
    });

    it('reads and writes latin1 with --encoding latin1', async () => {
      const result = await runTiny(fixture('latin1.csv'), config, [
        '--encoding',
        'latin1',
      ]);
      const mock = readMock(result, 'latin1');
      expect(mock.dialect.encoding).toBe('latin1');
      expect(new Set(mock.rows.map((r) => r[1]))).toEqual(
        new Set(['Zürich', 'Köln']),
      );
      expect(mock.bytes.includes(Buffer.from('Z\xfcrich', 'latin1'))).toBe(
        true,
      );
    });

    it('reads and writes windows-1252 with --encoding windows-1252', async () => {
      const bytes = Buffer.from([
        ...Buffer.from('name,city\nA,'),
        ...[0x80, 0x93, 0x71, 0x94, 0xfc, 0x0a],
      ]);
      const sample = sampleFile('cp1252.csv', bytes);
      const result = await runTiny(sample, config, [
        '--encoding',
        'windows-1252',
      ]);
      const mock = readMock(result, 'windows-1252');
      expect(mock.rows[0][1]).toBe('€“q”ü');
      expect(
        mock.bytes.includes(Buffer.from([0x80, 0x93, 0x71, 0x94, 0xfc])),
      ).toBe(true);
    });

    it('refuses to write a character the encoding cannot hold', async () => {
      const euro = tinyConfig(['name', 'city']) as {
        files: { columns: Record<string, unknown>[] }[];
      };
      euro.files[0].columns[1] = {
        name: 'city',
        kind: 'template',
        template: 'Z€rich',
      };
      const attempt = runTiny(fixture('latin1.csv'), euro, [
        '--encoding',
        'latin1',
      ]);
      await expect(attempt).rejects.toMatchObject({ code: 'E_CONFIG' });
      await expect(attempt).rejects.toThrow(
        '2022-10-13/mock_20221013.csv: "€" (U+20AC) cannot be written in latin1, the sample\'s encoding, expected text that encoding holds',
      );
    });

    it.each([
      ['utf-16le', [0xff, 0xfe]],
      ['utf-16be', [0xfe, 0xff]],
    ] as const)('reads and writes %s with its BOM', async (encoding, bom) => {
      const text = 'name,city\nA,Zürich\nB,Köln\n';
      const le = Buffer.from('\ufeff' + text, 'utf16le');
      const bytes = encoding === 'utf-16le' ? le : le.swap16();
      const sample = sampleFile('utf16.csv', bytes);
      const mock = readMock(await runTiny(sample, config));
      expect(mock.dialect).toMatchObject({ encoding, bom: true });
      expect([...mock.bytes.subarray(0, 2)]).toEqual(bom);
      expect(mock.header).toEqual(['name', 'city']);
      expect(new Set(mock.rows.map((r) => r[1]))).toEqual(
        new Set(['Zürich', 'Köln']),
      );
    });
  });

  it('handles 300 columns and a megabyte in one cell', async () => {
    const names = Array.from({ length: 300 }, (_, i) => `c${i + 1}`);
    const big = 'x'.repeat(1024 * 1024);
    const rows = [1, 2, 3].map((r) =>
      names.map((n, i) => (r === 2 && i === 299 ? big : `${n}r${r}`)),
    );
    const text = [names, ...rows].map((r) => r.join(',')).join('\n') + '\n';
    const started = Date.now();
    const result = await runTiny(
      sampleFile('wide.csv', text),
      tinyConfig(names),
      [],
      6,
    );
    const mock = readMock(result);
    expect(mock.header).toEqual(names);
    expect(mock.rows.every((r) => r.length === 300)).toBe(true);
    expect(mock.rows.some((r) => r[299] === big)).toBe(true);
    expect(Date.now() - started).toBeLessThan(20000);
  });
});

describe('a config that declares the dialect', () => {
  const columns = [
    'id',
    'vehicle',
    { name: 'speed', type: 'number' as const },
    { name: 'odometer', type: 'number' as const },
    'note',
  ];
  const sample = fixture('eu-semicolon.csv');

  it('accepts a sample written as declared', async () => {
    const config = tinyConfig(columns, {
      dialect: { delimiter: ';', quote: 'minimal', bom: true },
    });
    const mock = readMock(await runTiny(sample, config));
    expect(mock.dialect.delimiter).toBe(';');
  });

  it.each([
    [
      { delimiter: ',' },
      'fields are separated by ";", expected "," as config file "messy" declares in dialect.delimiter',
    ],
    [
      { quote: 'all' },
      'fields quoted only where needed, expected every field quoted as config file "messy" declares in dialect.quote',
    ],
    [
      { bom: false },
      'starts with a byte-order mark, expected none as config file "messy" declares in dialect.bom',
    ],
    [
      { encoding: 'latin1' },
      'starts with a UTF-8 byte-order mark, expected latin1 as config file "messy" declares in dialect.encoding',
    ],
  ])('refuses a sample written otherwise (%j)', async (dialect, message) => {
    const config = tinyConfig(columns, { dialect });
    await expect(runTiny(sample, config)).rejects.toThrow(
      `${sample}: ${message}`,
    );
  });

  it('writes numbers with the decimal separator it declares', async () => {
    const text = 'id;vehicle;speed\n1;V1;12.5\n2;V2;3\n';
    const config = tinyConfig([
      'id',
      'vehicle',
      { name: 'speed', type: 'number', decimalSeparator: '.' },
    ]);
    const mock = readMock(await runTiny(sampleFile('s.csv', text), config));
    expect(new Set(mock.rows.map((r) => r[2]))).toEqual(new Set(['12.5', '3']));
  });
});
