import { readFileSync } from 'node:fs';
import { inferConfig } from '../../src/infer';
import type { FileSpec } from '../../src/config/schema';
import { INCIDENT, PERFORM, SUMMARY } from '../support/job';
import { SUMMARY_MEDIAN_MARKER } from '../support/tables';

const sampleOf = (file: string) => ({
  name: file.replace(/^.*\//, ''),
  text: readFileSync(file, 'utf8'),
});

const byName = (file: FileSpec) =>
  Object.fromEntries(file.columns.map((c) => [c.name, c]));

describe('inferConfig on the PERFORM sample', () => {
  const config = inferConfig([sampleOf(PERFORM)]);
  const file = config.files[0];
  const columns = byName(file);

  it('names the file, its pattern and a dated output a day ahead', () => {
    expect(config.primary).toBe('perform');
    expect(file.match).toBe('^PERFORM_\\d{8}\\.csv$');
    expect(file.output).toBe(
      "PERFORM_${format_time(day + 86400, 'YYYYMMDD')}.csv",
    );
  });

  it('keys the vehicle and keeps login and name one-to-one with it', () => {
    expect(file.entity).toBe('vehicle');
    expect(file.entityKey).toBe('VEHICLE_NUMBER');
    const attributes = config.entities.vehicle.attributes;
    expect(
      attributes.map((a) => [a.name, a.kind, 'digits' in a ? a.digits : '']),
    ).toEqual([
      ['VEHICLE_NUMBER', 'identifier', [4, 5]],
      ['LOGIN', 'identifier', [6, 6]],
      ['DRIVERNAME', 'name', ''],
      ['SETTINGS', 'choice', ''],
    ]);
    for (const name of ['VEHICLE_NUMBER', 'LOGIN', 'DRIVERNAME']) {
      expect(columns[name].kind).toBe('entity');
    }
  });

  it('draws the four thresholds jointly, once per vehicle', () => {
    const settings = config.entities.vehicle.attributes[3];
    expect(settings.kind === 'choice' && settings.sample).toEqual({
      LONG_IDLE_THRESH: 'LONG_IDLE_THRESH',
      RPM_THRESH: 'RPM_THRESH',
      OVER_SPEED_THRESH: 'OVER_SPEED_THRESH',
      XS_SPEED_THRESH: 'XS_SPEED_THRESH',
    });
    expect(columns.RPM_THRESH).toMatchObject({
      kind: 'expr',
      expr: 'SETTINGS.RPM_THRESH',
    });
  });

  it('carries each start from the previous end', () => {
    expect(columns.STRT_DATIME).toMatchObject({
      kind: 'carry',
      from: 'END_DATIME',
    });
    expect(columns.STRT_ODOM).toMatchObject({
      kind: 'carry',
      from: 'END_ODOM',
    });
  });

  it('computes the end odometer from the start and the miles', () => {
    expect(columns.END_ODOM).toMatchObject({
      kind: 'expr',
      expr: 'STRT_ODOM + TRAVELED_MILES',
      decimals: 1,
    });
    expect(columns.TRAVELED_MILES).toMatchObject({
      kind: 'number',
      sample: 'TRAVELED_MILES',
    });
  });

  it('counts packets up in written order, ordered by insert time', () => {
    expect(columns.PACKETID).toMatchObject({
      kind: 'sequence',
      start: 'sample',
      every: 48,
    });
    expect(file.order).toEqual({ by: 'INSERT_DATETIME', descending: false });
    expect(columns.END_DATIME).toMatchObject({ kind: 'time' });
    expect(columns.INSERT_DATETIME).toMatchObject({
      kind: 'expr',
      expr: 'max(END_DATIME + INSERT_DATETIME_LAG, PREVIOUS_INSERT_DATETIME)',
    });
  });

  it('checks every relation it found in the report', () => {
    expect(file.relations.map((r) => r.check)).toEqual(
      expect.arrayContaining([
        'abs(END_ODOM - STRT_ODOM - TRAVELED_MILES) < 0.0505',
        'STRT_DATIME <= END_DATIME',
        'END_DATIME <= INSERT_DATETIME',
      ]),
    );
  });
});

describe('inferConfig on the daily reports', () => {
  const config = inferConfig([sampleOf(INCIDENT), sampleOf(SUMMARY)]);
  const [incident, summary] = config.files;

  it('makes the incident file primary and the summary one row a driver', () => {
    expect([incident.role, summary.role]).toEqual(['incident', 'summary']);
    expect(incident.entityKey).toBe('driver_name');
    expect(summary).toMatchObject({
      rows: 'per-entity-day',
      from: 'incident',
      entity: incident.entity,
      order: { by: 'percent_speeding', descending: true },
    });
    expect(summary.output).toBe(
      "SG_${format_time(day, 'YYYYMMDD')}_DAILY_DRIVER_SUMMARY.csv",
    );
  });

  it("makes each driver's id from the name, as the sample does", () => {
    const id = config.entities[incident.entity].attributes.find(
      (a) => a.name === 'driver_id',
    );
    expect(id).toMatchObject({
      kind: 'expr',
      expr: "if(driver_name_STAND_IN == 1, '', upper(substr(last_word(driver_name), 0, 3) + substr(first_word(driver_name), 0, 2)))",
      distinct: true,
    });
    expect(byName(summary).driver_id.kind).toBe('entity');
  });

  it('writes the vehicle with a stand-in text for drivers without a name', () => {
    const attributes = config.entities[incident.entity].attributes;
    const name = attributes.find((a) => a.name === 'driver_name');
    expect(name).toMatchObject({
      kind: 'expr',
      expr: "if(driver_name_STAND_IN == 1, '' + vehicle + '-No DriverID', driver_name_PERSON)",
    });
    const flag = attributes.find((a) => a.name === 'driver_name_STAND_IN');
    expect(flag?.kind === 'choice' && flag.values?.['1']).toBeCloseTo(8 / 170);
  });

  it('finds speed as limit plus difference', () => {
    expect(byName(incident).speed).toMatchObject({
      kind: 'expr',
      expr: 'speed_limit + difference',
    });
    expect(incident.relations.map((r) => r.description)).toContain(
      'speed = speed_limit + difference',
    );
  });

  it('keeps the footer with its dates following the mock day', () => {
    expect(incident.trailer?.separator).toBe('---');
    expect(incident.trailer?.lines[2]).toBe(
      '"${format_time(day, \'dddd, MMMM DD, YYYY\')} US/Eastern",UTC-04:00',
    );
    expect(incident.trailer?.lines[13]).toBe(
      "tgreport-2.2.0<10.20.0.5>@${format_time(day + 120020.730261, 'YYYY-MM-DD HH:mm:ss.SSSSSS')}",
    );
    expect(incident.trailer?.finalNewline).toBe(false);
  });

  it('writes the median line of the summary, and passes over it when reading', () => {
    expect(summary.markers).toEqual([SUMMARY_MEDIAN_MARKER]);
  });
});

describe('inferConfig on a small synthetic sample', () => {
  const header = 'unit,start,end,odo_start,odo_end,km,count';
  const lines = [header];
  let count = 100;
  for (let u = 0; u < 4; u++) {
    let odo = 1000 * (u + 1);
    let t = Date.UTC(2021, 2, 3, 6, u) / 1000;
    for (let k = 0; k < 6; k++) {
      const km = (k * 3 + u) % 7;
      const end = t + 600 + 60 * k;
      const iso = (s: number) =>
        new Date(s * 1000).toISOString().slice(0, 19).replace('T', ' ');
      lines.push(
        [`U${u}7`, iso(t), iso(end), odo, odo + km, km, count++].join(','),
      );
      odo += km;
      t = end;
    }
  }
  const config = inferConfig([
    { name: 'trips_2021-03-03.csv', text: lines.join('\n') + '\n' },
  ]);
  const columns = byName(config.files[0]);

  it('finds the unit, the carries, the difference and the counter', () => {
    expect(config.files[0]).toMatchObject({
      entityKey: 'unit',
      match: '^trips_\\d{4}-\\d{2}-\\d{2}\\.csv$',
      output: "trips_${format_time(day, 'YYYY-MM-DD')}.csv",
    });
    expect(columns.start).toMatchObject({ kind: 'carry', from: 'end' });
    expect(columns.odo_start).toMatchObject({ kind: 'carry', from: 'odo_end' });
    expect(columns.odo_end).toMatchObject({
      kind: 'expr',
      expr: 'odo_start + km',
    });
    expect(columns.count).toMatchObject({ kind: 'sequence', start: 'sample' });
  });
});

describe('inferConfig on dates of their own', () => {
  it('keeps a licence expiry on its sample dates, not the mock day', () => {
    const lines = ['driver,seen,expires'];
    for (let i = 0; i < 40; i++) {
      const seen = `2021-03-03 ${String(6 + (i % 12)).padStart(2, '0')}:00:00`;
      const expires = `20${22 + (i % 5)}-0${1 + (i % 9)}-15`;
      lines.push(`D${i % 8},${seen},${expires}`);
    }
    const config = inferConfig([
      { name: 'seen_20210303.csv', text: lines.join('\n') + '\n' },
    ]);
    const columns = byName(config.files[0]);
    expect(columns.seen).toMatchObject({ kind: 'time' });
    expect(columns.expires).toMatchObject({
      kind: 'number',
      type: 'datetime',
      format: 'YYYY-MM-DD',
      sample: 'expires',
    });
  });
});

describe('inferConfig on rows not written in time order', () => {
  it("finds a start that continues the unit's previous end in time", () => {
    const rows: string[] = [];
    for (let u = 0; u < 5; u++) {
      let t = Date.UTC(2021, 2, 3, 5, u * 7) / 1000;
      for (let k = 0; k < 6; k++) {
        const end = t + 900 + 60 * ((u + k) % 4);
        const iso = (s: number) =>
          new Date(s * 1000).toISOString().slice(0, 19).replace('T', ' ');
        rows.push(`V${u}1,${iso(t)},${iso(end)}`);
        t = end;
      }
    }
    // Shuffled with a fixed stride, so no column is sorted.
    const shuffled = rows.map((_, i) => rows[(i * 7) % rows.length]);
    const config = inferConfig([
      { name: 'legs.csv', text: ['unit,start,end', ...shuffled].join('\n') },
    ]);
    expect(byName(config.files[0]).start).toMatchObject({
      kind: 'carry',
      from: 'end',
    });
  });
});
