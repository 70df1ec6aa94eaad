import { readFileSync } from 'node:fs';
import { inferColumn } from '../../src/infer/kinds';
import { detectLayout } from '../../src/infer/layouts';
import { inferPlan } from '../../src/infer';
import { INCIDENT, PERFORM, SUMMARY } from '../support/job';

const kindsOf = (file: string, name: string, also: string[] = []) => {
  const samples = [file, ...also].map((f) => ({
    name: f.replace(/^.*\//, ''),
    text: readFileSync(f, 'utf8'),
  }));
  const plan = inferPlan(samples);
  const found = plan.files.find((f) => f.table.name === name)!;
  return Object.fromEntries(
    found.columns.map((c) => [
      c.name,
      [c.kind, c.format ?? c.decimals ?? '', c.placeholders.join('|')].join(
        ' ',
      ),
    ]),
  );
};

describe('inferColumn', () => {
  it('reads whole numbers, decimals and their places', () => {
    const ints = inferColumn(
      'n',
      Array.from({ length: 30 }, (_, i) => String(i * 7 - 40)),
    );
    const decs = inferColumn(
      'd',
      Array.from({ length: 30 }, (_, i) => (i * 1.25 + 0.1).toFixed(2)),
    );
    expect([ints.kind, ints.type, ints.decimals]).toEqual([
      'integer',
      'number',
      undefined,
    ]);
    expect([decs.kind, decs.decimals]).toEqual(['decimal', 2]);
  });

  it('keeps a dash or n/a in a number column as placeholders', () => {
    const values = ['12', '-', '40', 'n/a', '7', '', '99', '81', '3', '5'];
    const more = [...values, '64', '18', '27', '33', '41', '52'];
    const c = inferColumn('speed', more);
    expect(c.kind).toBe('integer');
    expect(c.placeholders).toEqual(['-', 'n/a']);
    expect(c.emptyShare).toBeCloseTo(1 / 16);
    expect(c.placeholderShare).toBeCloseTo(2 / 16);
    expect(c.values[1]).toBeNaN();
    expect(c.values[2]).toBe(40);
  });

  it('finds exact date-time layouts, literal zeros included', () => {
    expect(
      detectLayout(['2020-09-09 22:17:17.255000000', '2020-09-10 01:02:03.1']),
    ).toBeUndefined();
    expect(
      detectLayout([
        '2020-09-09 22:17:17.255000000',
        '2020-09-10 01:02:03.100000000',
      ]),
    ).toBe('YYYY-MM-DD HH:mm:ss.SSS[000000]');
    expect(detectLayout(['09/10/2020 13:45', '12/31/2020 00:00'])).toBe(
      'MM/DD/YYYY HH:mm',
    );
    expect(detectLayout(['2020-06-09T05:54:23Z', '2020-06-10T00:00:01Z'])).toBe(
      'YYYY-MM-DDTHH:mm:ss[Z]',
    );
    expect(detectLayout(['20200911', '20200912'])).toBeUndefined();
    expect(detectLayout(['05:54:23', '23:01:00'])).toBe('HH:mm:ss');
    expect(detectLayout(['05:54', '23:01'])).toBe('HH:mm');
    expect(detectLayout(['05:54', '24:01'])).toBeUndefined();
  });

  it('tells booleans, categories, names, identifiers and text apart', () => {
    const rows = 40;
    const at = (f: (i: number) => string) =>
      Array.from({ length: rows }, (_, i) => f(i));
    const first = ['Ann', 'Bob', 'Cara', 'Dev', 'Eli', 'Fay', 'Gus', 'Hal'];
    const last = ['Lee', 'Moss', 'Nash', 'Ortiz', 'Park', 'Quinn', 'Reyes'];
    expect(
      inferColumn(
        'b',
        at((i) => (i % 3 ? 'TRUE' : 'FALSE')),
      ).kind,
    ).toBe('boolean');
    expect(
      inferColumn(
        'c',
        at((i) => ['A', 'B', 'HazMat'][i % 3]),
      ).kind,
    ).toBe('category');
    expect(
      inferColumn(
        'n',
        at((i) => `${first[i % 8]} ${last[(i * 3) % 7]}`),
      ).kind,
    ).toBe('name');
    const zeros = inferColumn(
      'rv',
      at((i) => `01${((19257227 + i * 4567891) % 90000000) + 10000000}`),
    );
    expect([zeros.kind, zeros.type, zeros.identifier]).toEqual([
      'identifier',
      'text',
      { digits: [8, 8], prefix: '01' },
    ]);
    const big = inferColumn(
      'id',
      at((i) => `${9007199254740993n + BigInt(i)}`),
    );
    expect([big.kind, big.type]).toEqual(['identifier', 'text']);
    expect(big.raw[0]).toBe('9007199254740993');
    const keys = inferColumn(
      'k',
      at((i) => `${1599700637263 + i}.8374${i % 10}0.${100 + i}`),
    );
    expect(keys.identifier?.parts).toEqual([13, '.', 6, '.', 3]);
    expect(
      inferColumn(
        't',
        at((i) => `W ${i}TH ST, SPEEDWAY, IN ${i * 7}`),
      ).kind,
    ).toBe('text');
  });
});

describe('inferPlan column kinds on the fixtures', () => {
  it('reads every PERFORM column', () => {
    expect(kindsOf(PERFORM, 'PERFORM_20200911.csv')).toEqual({
      UNIQKEY: 'identifier  ',
      INSERT_DATETIME: 'datetime YYYY-MM-DD HH:mm:ss.SSS[000000] ',
      STATUS: 'category  ',
      USERSTATUS: 'category  ',
      PACKETID: 'integer  ',
      LOGIN: 'integer  ',
      DRIVERNAME: 'name  ',
      VEHICLE_NUMBER: 'integer  ',
      STRT_DATIME: 'datetime YYYY-MM-DD HH:mm:ss ',
      END_DATIME: 'datetime YYYY-MM-DD HH:mm:ss ',
      LONG_IDLE_THRESH: 'category  ',
      RPM_THRESH: 'category  ',
      OVER_SPEED_THRESH: 'category  ',
      XS_SPEED_THRESH: 'category  ',
      STRT_ODOM: 'decimal 1 ',
      END_ODOM: 'decimal 1 ',
      TRAVELED_MILES: 'decimal 1 ',
    });
  });

  it('reads the summary report, placeholders included', () => {
    const kinds = kindsOf(SUMMARY, 'SG_20200609_DAILY_DRIVER_SUMMARY.csv', [
      INCIDENT,
    ]);
    expect(kinds).toMatchObject({
      driver_name: 'name  ',
      vehicle_type: 'category  ',
      percent_speeding: 'decimal 1 ',
      worst_incident_date: 'datetime YYYY-MM-DD HH:mm:ss -',
      speed_limit: 'integer  -',
      speed: 'integer  -',
      speed_cap: 'empty  ',
      distance_driven: 'integer  n/a',
      difference: 'integer  -',
    });
  });
});
