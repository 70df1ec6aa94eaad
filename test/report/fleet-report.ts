// A report built from the fleet fixtures, shared by the render and browser
// tests: a sample profiled from the real export and a "mock" made from it
// by fixed, visible changes, so the two differ the way a run's files do.
import fs from 'node:fs';
import path from 'node:path';

import Papa from 'papaparse';

import { fidelity } from '../../src/report/fidelity';
import type { ReportModel } from '../../src/report/model';
import { pairFidelity } from '../../src/report/pair-fidelity';
import {
  ColumnProfiler,
  compareProfiles,
  type ColumnProfile,
} from '../../src/report/profile';

export const SCRIPT = '<script>alert(1)</script>';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures');

/** Header and rows of a fixture CSV. */
export function readFixture(name: string): [string[], string[][]] {
  const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  return [header, rows];
}

/** Profiles of the given rows. */
export function profile(header: string[], rows: string[][]): ColumnProfile[] {
  return profiler(header, rows).profiles();
}

function profiler(header: string[], rows: string[][]): ColumnProfiler {
  const p = new ColumnProfiler(header);
  rows.forEach((row) => p.add(row));
  return p;
}

// A run generates other days than the sample's, often in another year, so
// the mock's datetimes move four years on and keep their time of day. The
// end odometer comes from another row: each column keeps its values, but
// a period no longer ends where it started, and the pair drifts.
function performMock(header: string[], rows: string[][]): string[][] {
  const end = header.indexOf('END_ODOM');
  const miles = header.indexOf('TRAVELED_MILES');
  const driver = header.indexOf('DRIVERNAME');
  const datetimes = ['INSERT_DATETIME', 'STRT_DATIME', 'END_DATIME'].map(
    (name) => header.indexOf(name),
  );
  return rows.map((row, i) => {
    const copy = [...row];
    copy[miles] = (Number(row[miles]) * 1.15).toFixed(1);
    copy[driver] = rows[(i + 7) % rows.length][driver];
    copy[end] = rows[(i * 7919) % rows.length][end];
    for (const c of datetimes) {
      copy[c] = row[c].replace(/^\d{4}/, (year) => String(Number(year) + 4));
    }
    return copy;
  });
}

function incidentMock(header: string[], rows: string[][]): string[][] {
  const speed = header.indexOf('speed');
  const name = header.indexOf('driver_name');
  return rows.map((row, i) => {
    const copy = [...row];
    const kmh = Number(row[speed]);
    if (row[speed] !== '' && Number.isFinite(kmh)) {
      copy[speed] = String(kmh + (i % 5) - 1);
    }
    if (i % 9 === 0) copy[name] = SCRIPT;
    return copy;
  });
}

/**
 * Two files, PERFORM and the daily incidents; the incidents carry an extra
 * column named like a script tag and a script tag among the driver names.
 */
export function fleetReport(): ReportModel {
  const [pHeader, pRows] = readFixture('PERFORM_20200911.csv');
  const [iHeader, iRows] = readFixture('SG_20200609_DAILY_DRIVER_INCIDENT.csv');
  // The footer rows of the export are short; pad them so the extra column
  // stays in its place.
  const withScript = (rows: string[][]): string[][] =>
    rows.map((row, i) => {
      const padded = iHeader.map((_, c) => row[c] ?? '');
      return [...padded, String(i % 3)];
    });
  const iHeaderPlus = [...iHeader, SCRIPT];
  const sides = [
    [profiler(pHeader, pRows), profiler(pHeader, performMock(pHeader, pRows))],
    [
      profiler(iHeaderPlus, withScript(iRows)),
      profiler(iHeaderPlus, withScript(incidentMock(iHeader, iRows))),
    ],
  ];

  const model: Omit<ReportModel, 'fidelity'> = {
    runId: 'run-20200911-7f3a',
    toolVersion: '0.1.0',
    seed: '20200911',
    config: { name: 'fleet-daily', hash: 'sha256:4be1c0de' },
    arguments: {
      files: 'PERFORM,SG_DAILY_DRIVER_INCIDENT',
      from: '2020-09-11',
      to: '2020-09-12',
      store: `local:./mocks/${SCRIPT}`,
    },
    files: [
      {
        role: 'PERFORM',
        sampleName: 'PERFORM_20200911.csv',
        days: [
          {
            day: '2020-09-11',
            name: 'PERFORM_20200911.csv',
            rows: 4333,
            bytes: 781_204,
          },
          {
            day: '2020-09-12',
            name: 'PERFORM_20200912.csv',
            rows: 4410,
            bytes: 795_117,
          },
        ],
        columns: compareProfiles(
          sides[0][0].profiles(),
          sides[0][1].profiles(),
        ),
      },
      {
        role: 'SG_DAILY_DRIVER_INCIDENT',
        sampleName: 'SG_20200609_DAILY_DRIVER_INCIDENT.csv',
        days: [
          {
            day: '2020-09-11',
            name: 'SG_20200911_DAILY_DRIVER_INCIDENT.csv',
            rows: 802,
            bytes: 511_730,
          },
        ],
        columns: compareProfiles(
          sides[1][0].profiles(),
          sides[1][1].profiles(),
        ),
      },
    ],
    relations: [
      {
        file: 'PERFORM',
        name: 'odometer',
        description: 'END_ODOM - STRT_ODOM = TRAVELED_MILES',
        checked: 8743,
        held: 8743,
      },
      {
        file: 'PERFORM',
        name: 'trip-order',
        description: 'STRT_DATIME <= END_DATIME',
        checked: 100_000,
        held: 99_999,
      },
      {
        file: 'SG_DAILY_DRIVER_INCIDENT',
        name: 'difference',
        description: `speed - speed_limit = difference ${SCRIPT}`,
        checked: 802,
        held: 790,
      },
    ],
    stages: [
      {
        stage: 'read',
        startedAt: new Date(0),
        durationMs: 41.6,
        rows: 5135,
        bytes: 1_803_311,
      },
      {
        stage: 'profile',
        startedAt: new Date(0),
        durationMs: 18.2,
        rows: 5135,
        bytes: 0,
      },
      {
        stage: 'generate',
        startedAt: new Date(0),
        durationMs: 1204.9,
        rows: 9545,
        bytes: 0,
      },
      {
        stage: 'write',
        startedAt: new Date(0),
        durationMs: 388,
        rows: 9545,
        bytes: 2_088_051,
      },
      {
        stage: 'report',
        startedAt: new Date(0),
        durationMs: 96.4,
        rows: 0,
        bytes: 0,
      },
    ],
  };
  const scored = model.files.map((file, i) => ({
    ...file,
    pairs: pairFidelity(file.columns, sides[i][0], sides[i][1]),
  }));
  return { ...model, fidelity: fidelity(scored, model.relations) };
}
