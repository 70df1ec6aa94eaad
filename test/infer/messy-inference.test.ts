import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import Papa from 'papaparse';
import type { Config } from '../../src/config/schema';
import { inferConfig, inferConfigText } from '../../src/infer';
import { readSampleTexts } from '../../src/pipeline';
import { sniffSample, type Dialect } from '../../src/sample/dialect';
import type { Encoding } from '../../src/sample/encoding';
import { readLocalBytes } from '../../src/store/local';
import { fleetmocker as run } from '../support/cli';
import { runInTemp, tempDir } from '../support/job';
import { MESSY, sampleFile } from '../support/messy';

/** What a column is inferred to be: its type and the format it keeps. */
type Shape = {
  name: string;
  type: string;
  kind?: string;
  format?: string;
  offsets?: Record<string, string>;
  decimals?: number;
};

/** A messy sample that inference reads faithfully. */
interface Handled {
  kind: string;
  /** The sample's path, made afresh for generated samples. */
  file: () => string;
  /** Options for both `infer` and the run, such as `--encoding`. */
  options?: string[];
  /** Each written column as inferred, in order. */
  columns: Shape[];
  /** Whether `columns` names only some of the columns. */
  some?: boolean;
  dialect: Partial<Dialect>;
  /** Further checks on the mock's records, header first. */
  mock?: (rows: string[][], text: string) => void;
  /** Also run through the built CLI. */
  cli?: boolean;
}

/** A messy sample that inference refuses with one line. */
interface Refused {
  kind: string;
  file: () => string;
  options?: string[];
  /** The message, after the file's base name and a colon. */
  error: string;
  cli?: boolean;
}

const fixture = (name: string) => () => {
  const file = path.join(tempDir('fleetmocker-messy-'), name);
  copyFileSync(path.join(MESSY, name), file);
  return file;
};

const lines = (n: number, line: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => line(i));

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A night across a change of the clocks: the local columns skip the hour
 * that does not exist, and the ISO column's offset changes at 02:00.
 */
function clockChange(day: string, before: string, after: string): string {
  const [y, m, d] = day.split('-');
  const rows = lines(48, (i) => {
    const minutes = i * 5 + (i >= 24 ? 60 : 0);
    const hh = two(Math.floor(minutes / 60));
    const mm = two(minutes % 60);
    const offset = minutes < 120 ? before : after;
    return [
      `V${i % 4}`,
      `${day} ${hh}:${mm}:00`,
      `${d}/${m}/${y} ${hh}:${mm}`,
      `${day}T${hh}:${mm}:00${offset}`,
      String(10 + ((i * 7) % 13)),
    ].join(',');
  });
  return ['unit,logged,shown,sent,speed', ...rows].join('\n') + '\n';
}

/** The formulas sample's columns, with and without neutralising. */
const FORMULA_COLUMNS = [
  { name: 'id', type: 'number' },
  { name: 'vehicle', type: 'text' },
  { name: 'comment', type: 'text' },
  { name: 'delta', type: 'number', decimals: 1 },
];

const handled: Handled[] = [
  {
    kind: 'UTF-8 with a BOM, semicolons, decimal commas and CRLF',
    file: fixture('eu-semicolon.csv'),
    columns: [
      { name: 'id', type: 'text' },
      { name: 'vehicle', type: 'text' },
      { name: 'speed', type: 'number', decimals: 2 },
      { name: 'odometer', type: 'number', decimals: 2 },
      { name: 'note', type: 'text' },
    ],
    dialect: { delimiter: ';', bom: true, newline: '\r\n', quote: 'minimal' },
    mock: (rows, text) => {
      expect(rows.some((r) => /^\d+,\d+$/.test(r[2]))).toBe(true);
      expect(rows.every((r) => !r[2].includes('.'))).toBe(true);
      expect(text).toContain('"a;b"');
    },
    cli: true,
  },
  {
    kind: 'quoted fields holding separators and line breaks',
    file: fixture('quoted-all.csv'),
    columns: [
      { name: 'id', type: 'number' },
      { name: 'vehicle', type: 'text' },
      { name: 'note', type: 'text' },
    ],
    dialect: { delimiter: ',', quote: 'all', newline: '\n' },
    mock: (rows) => {
      const notes = new Set(rows.map((r) => r[2]));
      expect(notes).toContain('line one\nline two');
      expect(notes).toContain('a, b');
    },
  },
  {
    kind: 'tabs',
    file: fixture('tabs.csv'),
    columns: [
      { name: 'id', type: 'number' },
      { name: 'vehicle', type: 'text' },
      { name: 'speed', type: 'number', decimals: 2 },
      { name: 'note', type: 'text' },
    ],
    dialect: { delimiter: '\t' },
  },
  {
    kind: 'ids with leading zeros',
    file: () =>
      sampleFile(
        'ids.csv',
        'id,unit,v\n' +
          lines(40, (i) =>
            [
              String((i * 7919) % 100000).padStart(6, '0'),
              `U${i % 5}`,
              i % 9,
            ].join(','),
          ).join('\n') +
          '\n',
      ),
    columns: [
      { name: 'id', type: 'text', kind: 'template' },
      { name: 'unit', type: 'text' },
      { name: 'v', type: 'number' },
    ],
    dialect: { delimiter: ',' },
    mock: (rows) => {
      expect(rows.every((r) => /^\d{6}$/.test(r[0]))).toBe(true);
      expect(rows.some((r) => r[0].startsWith('0'))).toBe(true);
    },
  },
  {
    kind: 'ids with a prefix and leading zeros',
    file: () =>
      sampleFile(
        'trips.csv',
        'trip,unit\n' +
          lines(40, (i) => {
            const digits = String((i * 7919) % 100000).padStart(6, '0');
            return `TR-${digits},U${i % 5}`;
          }).join('\n') +
          '\n',
      ),
    columns: [
      { name: 'trip', type: 'text', kind: 'template' },
      { name: 'unit', type: 'text' },
    ],
    dialect: { delimiter: ',' },
    mock: (rows) => {
      expect(rows.every((r) => /^TR-0\d{5}$/.test(r[0]))).toBe(true);
    },
  },
  {
    kind: 'integers beyond 2^53',
    file: fixture('long-ids.csv'),
    columns: [
      { name: 'id', type: 'text' },
      { name: 'vehicle', type: 'text' },
      { name: 'account', type: 'text', kind: 'template' },
    ],
    dialect: { delimiter: ',' },
    mock: (rows) => {
      expect(rows.every((r) => /^\d{16,23}$/.test(r[2]))).toBe(true);
      expect(new Set(rows.map((r) => r[0]))).toEqual(
        new Set(['007', '0042', '7']),
      );
    },
    cli: true,
  },
  {
    kind: 'values that spreadsheets run as formulas',
    file: fixture('formulas.csv'),
    columns: FORMULA_COLUMNS,
    dialect: { delimiter: ',' },
    mock: (rows) => {
      expect(new Set(rows.map((r) => r[2]))).toEqual(
        new Set(['=1+2', '+33 555 0101', '-x', '@SUM(A1)', '-7']),
      );
    },
  },
  {
    kind: 'formulas with --neutralise-formulas',
    file: fixture('formulas.csv'),
    options: ['--neutralise-formulas'],
    columns: FORMULA_COLUMNS,
    dialect: { delimiter: ',' },
    mock: (rows) => {
      expect(new Set(rows.map((r) => r[2]))).toEqual(
        new Set(["'=1+2", "'+33 555 0101", "'-x", "'@SUM(A1)", '-7']),
      );
      expect(rows.every((r) => /^-?\d+(\.\d)?$/.test(r[3]))).toBe(true);
    },
  },
  {
    kind: 'markup in headers and values',
    file: fixture('markup.csv'),
    columns: [
      { name: 'id', type: 'number' },
      { name: '<b>bold</b>', type: 'text' },
      { name: 'say "hi"', type: 'text' },
      { name: 'a & b', type: 'text' },
    ],
    dialect: { delimiter: ',' },
  },
  {
    kind: 'latin1 text with --encoding latin1',
    file: fixture('latin1.csv'),
    options: ['--encoding', 'latin1'],
    columns: [
      { name: 'name', type: 'text' },
      { name: 'city', type: 'text' },
    ],
    dialect: { encoding: 'latin1' },
    mock: (rows) => {
      expect(new Set(rows.map((r) => r[1]))).toEqual(
        new Set(['Zürich', 'Köln']),
      );
    },
  },
  {
    kind: '300 columns',
    file: () => {
      const names = lines(300, (i) => `c${i + 1}`);
      const rows = lines(20, (r) =>
        names.map((_, i) => (i % 2 ? `t${(r + i) % 3}` : r * i)).join(','),
      );
      return sampleFile('wide.csv', [names.join(','), ...rows].join('\n'));
    },
    columns: [
      { name: 'c1', type: 'number' },
      { name: 'c2', type: 'text' },
    ],
    some: true,
    dialect: { delimiter: ',' },
    mock: (rows) => {
      expect(rows[0]).toHaveLength(300);
      expect(rows.every((r) => r.length === 300)).toBe(true);
    },
  },
  {
    kind: 'a megabyte in one cell',
    file: () => {
      const big = 'x'.repeat(1024 * 1024);
      const rows = lines(6, (i) => `${i},U${i % 2},${i === 3 ? big : 'y'}`);
      return sampleFile('big.csv', ['id,unit,note', ...rows].join('\n'));
    },
    columns: [
      { name: 'id', type: 'number' },
      { name: 'unit', type: 'text' },
      { name: 'note', type: 'text' },
    ],
    dialect: { delimiter: ',' },
  },
  {
    kind: 'several date-time layouts across a spring-forward night in Europe',
    file: () =>
      sampleFile(
        'night_20210328.csv',
        clockChange('2021-03-28', '+01:00', '+02:00'),
      ),
    columns: [
      { name: 'unit', type: 'text' },
      { name: 'logged', type: 'datetime', format: 'YYYY-MM-DD HH:mm:ss' },
      { name: 'shown', type: 'datetime', format: 'DD/MM/YYYY HH:mm' },
      {
        name: 'sent',
        type: 'datetime',
        format: 'YYYY-MM-DDTHH:mm:ssZ',
        offsets: { '00:00:00': '+01:00', '03:00:00': '+02:00' },
      },
      { name: 'speed', type: 'number' },
    ],
    dialect: { delimiter: ',' },
    mock: (rows) => {
      rows.forEach((r) => {
        expect(r[1]).toMatch(/^2022-10-13 \d\d:\d\d:\d\d$/);
        expect(r[2]).toMatch(/^13\/10\/2022 \d\d:\d\d$/);
        expect(r[3]).toMatch(/^2022-10-13T\d\d:\d\d:\d\d\+0[12]:00$/);
        expect(r[3].slice(-6)).toBe(
          r[3] < '2022-10-13T03' ? '+01:00' : '+02:00',
        );
      });
    },
    cli: true,
  },
  {
    kind: 'an ISO column across a spring-forward night in New York',
    file: () =>
      sampleFile(
        'night_20210314.csv',
        clockChange('2021-03-14', '-05:00', '-04:00'),
      ),
    columns: [
      { name: 'unit', type: 'text' },
      { name: 'logged', type: 'datetime' },
      { name: 'shown', type: 'datetime' },
      {
        name: 'sent',
        type: 'datetime',
        format: 'YYYY-MM-DDTHH:mm:ssZ',
        offsets: { '00:00:00': '-05:00', '03:00:00': '-04:00' },
      },
      { name: 'speed', type: 'number' },
    ],
    dialect: { delimiter: ',' },
    mock: (rows) => {
      rows.forEach((r) =>
        expect(r[3].slice(-6)).toBe(
          r[3] < '2022-10-13T03' ? '-05:00' : '-04:00',
        ),
      );
    },
  },
  {
    kind: 'an ISO column across a fall-back night, the hour repeated',
    file: () => {
      const at = (m: number, offset: string) =>
        `2021-10-31T${two(Math.floor(m / 60))}:${two(m % 60)}:00${offset}`;
      const before = lines(36, (i) => `V${i % 3},${at(i * 5, '+02:00')}`);
      const after = lines(36, (i) => `V${i % 3},${at(120 + i * 5, '+01:00')}`);
      return sampleFile(
        'fall_20211031.csv',
        ['unit,sent', ...before, ...after].join('\n') + '\n',
      );
    },
    columns: [
      { name: 'unit', type: 'text' },
      {
        name: 'sent',
        type: 'datetime',
        format: 'YYYY-MM-DDTHH:mm:ssZ',
        offsets: { '00:00:00': '+02:00', '02:00:00': '+01:00' },
      },
    ],
    dialect: { delimiter: ',' },
    mock: (rows) => {
      rows.forEach((r) =>
        expect(r[1].slice(-6)).toBe(
          r[1] < '2022-10-13T02' ? '+02:00' : '+01:00',
        ),
      );
    },
  },
];

const refused: Refused[] = [
  {
    kind: 'an empty file',
    file: fixture('empty.csv'),
    error: 'the file is empty, expected a header line',
    cli: true,
  },
  {
    kind: 'a header only',
    file: fixture('header-only.csv'),
    error: 'no data rows after the header, expected at least one',
  },
  {
    kind: 'a row longer than the header',
    file: () => sampleFile('long-row.csv', 'id,unit\n1,U1\n2,U2,extra\n'),
    error: 'line 3 has 3 fields, expected 2 as in the header',
  },
  {
    kind: 'a row shorter than the header, after a multi-line field',
    file: fixture('ragged-multiline.csv'),
    error: 'line 5 has 2 fields, expected 3 as in the header',
    cli: true,
  },
  {
    kind: 'a blank line between rows',
    file: () => sampleFile('gap.csv', 'id,unit\n1,U1\n\n2,U2\n'),
    error: 'line 3 is blank, expected 2 fields as in the header',
  },
  {
    kind: 'a quoted field never closed',
    file: fixture('unclosed-quote.csv'),
    error: 'line 2: a quoted field is never closed, expected a closing "',
  },
  {
    kind: 'a column named twice',
    file: fixture('duplicate.csv'),
    error:
      'column "speed" appears twice (columns 2 and 4), expected unique names',
    cli: true,
  },
  {
    kind: 'a gzip file named .csv',
    file: () => sampleFile('zipped.csv', gzipSync('id,unit\n1,U1\n')),
    error:
      'looks like a gzip-compressed file, expected CSV text (decompress it first)',
    cli: true,
  },
  {
    kind: 'a binary file named .csv',
    file: () =>
      sampleFile('blob.csv', Buffer.from('id,unit\n1,\u0000\u0000\u0000\n')),
    error:
      'has a NUL byte at offset 10, looks like a binary file, expected CSV text',
  },
  {
    kind: 'text that is not UTF-8',
    file: fixture('latin1.csv'),
    error:
      'line 2 is not valid UTF-8; pass --encoding latin1 (or windows-1252, utf-16le) if the file uses another encoding',
  },
];

const encodingOf = (options: string[] = []) => {
  const at = options.indexOf('--encoding');
  return at < 0 ? undefined : (options[at + 1] as Encoding);
};

const samplesOf = (file: string, options?: string[]) =>
  readSampleTexts([{ path: file }], readLocalBytes, encodingOf(options));

/** The config `infer` gives for one file. */
async function inferred(file: string, options?: string[]) {
  return inferConfig(await samplesOf(file, options));
}

/** The written columns of a config's only file, with what they keep. */
function shapes(config: Config): Shape[] {
  return config.files[0].columns
    .filter((c) => !c.hidden)
    .map((c) => ({
      name: c.name,
      type: c.type,
      kind: c.kind,
      ...('format' in c && c.format ? { format: c.format } : {}),
      ...(c.offsets ? { offsets: c.offsets } : {}),
      ...(c.type === 'number' ? { decimals: c.decimals } : {}),
    }));
}

/** Types and formats, which a mock read back must keep. */
const kinds = (config: Config) =>
  shapes(config).map(({ name, type, format }) => ({ name, type, format }));

const dialectOf = (file: string, options?: string[]) =>
  sniffSample(readFileSync(file), path.basename(file), {
    encoding: encodingOf(options),
  }).dialect;

const runWords = (file: string, options: string[] = []) => [
  '--files',
  file,
  '--config',
  'auto',
  '--data_size',
  '30',
  '--date_range',
  '10-13-22:10-13-22',
  '--seed',
  '4',
  ...options,
];

const fleetmocker = (args: string[]) =>
  run(args, {}, tempDir('fleetmocker-messy-cli-'));

describe('inference on a messy sample it reads', () => {
  describe.each(handled)('$kind', (sample) => {
    it('infers the kinds, formats and dialect', async () => {
      const file = sample.file();
      const config = await inferred(file, sample.options);
      expect(shapes(config)).toEqual(
        expect.arrayContaining(
          sample.columns.map((c) => expect.objectContaining(c)),
        ),
      );
      if (!sample.some) {
        expect(shapes(config).map((c) => c.name)).toEqual(
          sample.columns.map((c) => c.name),
        );
      }
      expect(dialectOf(file, sample.options)).toMatchObject(sample.dialect);
    });

    it('writes a mock that infers back to the same kinds', async () => {
      const file = sample.file();
      const { result } = await runInTemp(runWords(file, sample.options));
      const mock = path.join(result.location, result.files[0].path);
      expect(dialectOf(mock, sample.options)).toEqual(
        dialectOf(file, sample.options),
      );
      const again = await inferred(mock, sample.options);
      expect(kinds(again)).toEqual(kinds(await inferred(file, sample.options)));
      const { text } = sniffSample(readFileSync(mock), 'mock', {
        encoding: encodingOf(sample.options),
      });
      const dialect = dialectOf(mock, sample.options);
      const [header, ...rows] = Papa.parse<string[]>(text, {
        delimiter: dialect.delimiter,
        newline: dialect.newline,
        skipEmptyLines: true,
      }).data;
      expect(header).toEqual(shapes(again).map((c) => c.name));
      sample.mock?.(rows, text);
    });

    if (sample.cli) {
      it('prints the same config from the built CLI', async () => {
        const file = sample.file();
        const run = fleetmocker(['infer', '--files', file]);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(0);
        expect(JSON.parse(run.stdout)).toEqual(
          JSON.parse(inferConfigText(await samplesOf(file))),
        );
      });
    }
  });

  it('shows markup from headers and values as text in the report', async () => {
    const { result } = await runInTemp(runWords(fixture('markup.csv')()));
    const html = readFileSync(result.reportLocation, 'utf8');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).not.toContain('<script>alert(1)</script>');
  });
});

describe('inference on a messy sample it refuses', () => {
  describe.each(refused)('$kind', (sample) => {
    it('names the file and the problem on one line', async () => {
      const file = sample.file();
      const message = `${path.basename(file)}: ${sample.error}`;
      await expect(inferred(file, sample.options)).rejects.toThrow(message);
      await expect(inferred(file, sample.options)).rejects.toMatchObject({
        code: 'E_SAMPLE',
      });
    });

    it('leaves no run folder behind with --config auto', async () => {
      const file = sample.file();
      const store = tempDir('fleetmocker-messy-store-');
      await expect(
        runInTemp(runWords(file, sample.options), store),
      ).rejects.toThrow(`${path.basename(file)}: ${sample.error}`);
      expect(readdirSync(store)).toEqual([]);
    });

    if (sample.cli) {
      it('exits 65 from the built CLI with the message', () => {
        const file = sample.file();
        const run = fleetmocker(['infer', '--files', file]);
        expect(run.code).toBe(65);
        expect(run.stdout).toBe('');
        expect(run.stderr).toBe(
          `fleetmocker: ${path.basename(file)}: ${sample.error} [E_SAMPLE]\n`,
        );
      });
    }
  });
});
