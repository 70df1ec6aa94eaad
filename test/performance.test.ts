import { readCsv, filesOf } from './support/csv';
import { PERFORM, runInTemp } from './support/job';

const randomSeed = String(Math.floor(Math.random() * 1e9));
// Printed so a failure on a random seed can be repeated.
console.log(`performance property checks use seeds 1, 42 and ${randomSeed}`);

const sample = readCsv(PERFORM);

describe.each(['1', '42', randomSeed])('performance data, seed %s', (seed) => {
  let run: Awaited<ReturnType<typeof runInTemp>>;
  let days: ReturnType<typeof filesOf>;

  beforeAll(async () => {
    run = await runInTemp([
      '--files',
      PERFORM,
      '--config',
      'performance',
      '--data_size',
      '30000',
      '--date_range',
      '10-13-22:10-16-22',
      '--seed',
      seed,
    ]);
    days = filesOf(run.result, 'perform');
  });

  it('writes exactly --data_size rows over four dated files', () => {
    expect(days.map((d) => d.name)).toEqual([
      'PERFORM_20221014.csv',
      'PERFORM_20221015.csv',
      'PERFORM_20221016.csv',
      'PERFORM_20221017.csv',
    ]);
    expect(days.map((d) => d.day)).toEqual([
      '2022-10-13',
      '2022-10-14',
      '2022-10-15',
      '2022-10-16',
    ]);
    expect(days.reduce((n, d) => n + d.rows.length, 0)).toBe(30000);
    for (const d of days) {
      expect(d.header).toEqual(sample.header);
      expect(d.text.endsWith('\n')).toBe(true);
    }
  });

  it('scales to more vehicles than the sample has', () => {
    const vehicles = new Set(
      days.flatMap((d) => d.records.map((r) => r.VEHICLE_NUMBER)),
    );
    expect(vehicles.size).toBeGreaterThan(310);
    expect(run.result.entities.vehicle).toBe(537);
  });

  it('keeps every timestamp inside its mock day, in the sample layouts', () => {
    const layout = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}000000$/;
    const bad = days.flatMap((d) =>
      d.records.filter(
        (r) =>
          r.END_DATIME.slice(0, 10) !== d.day ||
          r.INSERT_DATETIME.slice(0, 10) !== d.day ||
          !layout.test(r.INSERT_DATETIME) ||
          r.STRT_DATIME < '2022-10-13 00:00:00' ||
          r.STRT_DATIME > r.END_DATIME ||
          r.END_DATIME >= r.INSERT_DATETIME,
      ),
    );
    expect(bad).toEqual([]);
  });

  it("continues each vehicle's periods and odometer across rows and days", () => {
    const last = new Map<string, Record<string, string>>();
    const wrongTravel: Record<string, string>[] = [];
    let checked = 0;
    for (const d of days) {
      for (const r of d.records) {
        const before = last.get(r.VEHICLE_NUMBER);
        if (
          before &&
          r.STRT_DATIME === before.END_DATIME &&
          r.STRT_ODOM === before.END_ODOM
        ) {
          checked++;
        }
        last.set(r.VEHICLE_NUMBER, r);
        const traveled = Number(r.END_ODOM) - Number(r.STRT_ODOM);
        if (traveled.toFixed(1) !== r.TRAVELED_MILES) wrongTravel.push(r);
      }
    }
    expect(checked).toBe(30000 - last.size);
    expect(wrongTravel).toEqual([]);
  });

  it('keeps login, name, vehicle and thresholds together for the whole range', () => {
    const byVehicle = new Map<string, Set<string>>();
    const byLogin = new Map<string, Set<string>>();
    for (const r of days.flatMap((d) => d.records)) {
      const identity = [
        r.LOGIN,
        r.DRIVERNAME,
        r.LONG_IDLE_THRESH,
        r.RPM_THRESH,
        r.OVER_SPEED_THRESH,
        r.XS_SPEED_THRESH,
      ].join('|');
      byVehicle.set(
        r.VEHICLE_NUMBER,
        (byVehicle.get(r.VEHICLE_NUMBER) ?? new Set()).add(identity),
      );
      byLogin.set(
        r.LOGIN,
        (byLogin.get(r.LOGIN) ?? new Set()).add(r.VEHICLE_NUMBER),
      );
    }
    expect([...byVehicle.values()].filter((s) => s.size !== 1)).toEqual([]);
    expect([...byLogin.values()].filter((s) => s.size !== 1)).toEqual([]);
    expect(byVehicle.size).toBe(byLogin.size);
  });

  it('copies no sample login or vehicle number', () => {
    const sampleLogins = new Set(sample.records.map((r) => r.LOGIN));
    const sampleVehicles = new Set(sample.records.map((r) => r.VEHICLE_NUMBER));
    const copied = days
      .flatMap((d) => d.records)
      .filter(
        (r) =>
          sampleLogins.has(r.LOGIN) ||
          sampleVehicles.has(r.VEHICLE_NUMBER) ||
          !/^\d{6}$/.test(r.LOGIN),
      );
    expect(copied).toEqual([]);
  });

  it('keys rows by upload time and login, and numbers packets in upload order', () => {
    let previousInsert = '';
    let previousPacket = 0;
    const bad = days
      .flatMap((d) => d.records)
      .filter((r) => {
        const [ms, login, tail] = r.UNIQKEY.split('.');
        const insert = Date.parse(
          r.INSERT_DATETIME.slice(0, 23).replace(' ', 'T') + 'Z',
        );
        const offset = Number(ms) - insert - 10800000;
        const wrong =
          login !== r.LOGIN ||
          !/^\d{3}$/.test(tail) ||
          offset < 0 ||
          offset > 9 ||
          r.INSERT_DATETIME < previousInsert ||
          Number(r.PACKETID) < previousPacket;
        previousInsert = r.INSERT_DATETIME;
        previousPacket = Number(r.PACKETID);
        return wrong;
      });
    expect(bad).toEqual([]);
    const packets = new Map<string, number>();
    for (const r of days.flatMap((d) => d.records)) {
      packets.set(r.PACKETID, (packets.get(r.PACKETID) ?? 0) + 1);
    }
    expect([...packets.values()].slice(0, -1).every((n) => n === 48)).toBe(
      true,
    );
  });

  it('logs five timed stages and a successful finish', () => {
    expect(run.log.status).toBe('succeeded');
    expect(run.log.stages.map((s) => s.stage)).toEqual([
      'read',
      'profile',
      'generate',
      'write',
      'report',
    ]);
  });
});
