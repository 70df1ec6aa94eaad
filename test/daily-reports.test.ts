import { filesOf, readCsv, type Record } from './support/csv';
import { INCIDENT, runInTemp, SUMMARY } from './support/job';

const randomSeed = String(Math.floor(Math.random() * 1e9));
console.log(`daily report property checks use seeds 3, 11 and ${randomSeed}`);

const sampleIncidents = readCsv(INCIDENT);
const sampleSummary = readCsv(SUMMARY);
const pct = (n: number, d: number) =>
  (Math.round((1000 * n) / d) / 10).toFixed(1);

describe.each(['3', '11', randomSeed])('daily reports, seed %s', (seed) => {
  let incidents: ReturnType<typeof filesOf>;
  let summaries: ReturnType<typeof filesOf>;
  let drivers: number;

  beforeAll(async () => {
    const { result } = await runInTemp([
      '--files',
      INCIDENT,
      SUMMARY,
      '--config',
      'daily_reports',
      '--data_size',
      '6000',
      '--date_range',
      '10-13-22:10-16-22',
      '--seed',
      seed,
    ]);
    incidents = filesOf(result, 'incident');
    summaries = filesOf(result, 'summary');
    drivers = result.entities.driver;
  });

  it('writes exactly --data_size incidents and one summary row per driver and day', () => {
    expect(incidents.reduce((n, f) => n + f.records.length, 0)).toBe(6000);
    expect(drivers).toBeGreaterThan(287);
    for (const f of summaries) expect(f.records.length).toBe(drivers + 1);
    expect(incidents.map((f) => f.name)).toEqual([
      'SG_20221013_DAILY_DRIVER_INCIDENT.csv',
      'SG_20221014_DAILY_DRIVER_INCIDENT.csv',
      'SG_20221015_DAILY_DRIVER_INCIDENT.csv',
      'SG_20221016_DAILY_DRIVER_INCIDENT.csv',
    ]);
    for (const f of incidents) expect(f.header).toEqual(sampleIncidents.header);
    for (const f of summaries) expect(f.header).toEqual(sampleSummary.header);
  });

  it("ties every summary row to that driver's incidents of the day", () => {
    const problems: string[] = [];
    summaries.forEach((summary, d) => {
      const byDriver = new Map<string, Record[]>();
      for (const r of incidents[d].records) {
        byDriver.set(r.driver_name, [
          ...(byDriver.get(r.driver_name) ?? []),
          r,
        ]);
      }
      for (const s of summary.records.filter(
        (r) => r.driver_name !== 'median',
      )) {
        const mine = byDriver.get(s.driver_name) ?? [];
        const n = Number(s.percent_speeding_numerator);
        const den = Number(s.percent_speeding_denominator);
        if (n !== mine.length)
          problems.push(`${s.driver_name}: numerator ${n} vs ${mine.length}`);
        if (s.percent_speeding !== pct(n, den))
          problems.push(`${s.driver_name}: percent`);
        if (
          Number(s['incidents_interstate/freeway']) +
            Number(s['incidents_non-interstate/freeway']) !==
          n
        ) {
          problems.push(`${s.driver_name}: incidents split`);
        }
        if (
          Number(s['observations_interstate/freeway']) +
            Number(s['observations_non-interstate/freeway']) !==
          den
        ) {
          problems.push(`${s.driver_name}: observations split`);
        }
        if (n === 0) {
          if (
            [s.worst_incident_date, s.url, s.speed, s.difference].some(
              (v) => v !== '-',
            )
          ) {
            problems.push(`${s.driver_name}: worst columns not '-'`);
          }
        } else {
          const worst = mine.find(
            (i) => i.time === s.worst_incident_date && i.url === s.url,
          );
          if (
            !worst ||
            worst.speed !== s.speed ||
            worst.difference !== s.difference ||
            worst.map !== s.incident_location
          ) {
            problems.push(`${s.driver_name}: worst incident not one of theirs`);
          }
        }
      }
    });
    expect(problems).toEqual([]);
  });

  it("derives each incident's difference, map and url from the row", () => {
    const problems = incidents.flatMap((f) =>
      f.records.filter((r) => {
        const da = new Date(r.time.replace(' ', 'T') + 'Z')
          .toUTCString()
          .replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, '$1 $3 $2 $5 $4');
        return (
          Number(r.difference) !== Number(r.speed) - Number(r.speed_limit) ||
          r.time.slice(0, 10) !== f.day ||
          !r.url.includes(`&dri=${encodeURIComponent(r.driver_name)}&`) ||
          !r.url.includes(`&va=${r.vehicle}&`) ||
          !r.url.includes(`&os=${r.speed}km%2Fh(`) ||
          !r.url.includes(`&sl=${r.speed_limit}&`) ||
          !r.url.includes(`&da=${encodeURIComponent(da)}&`) ||
          !/la=-?\d+\.\d+&lo=-?\d+\.\d+&/.test(r.url) ||
          r.map !== `<a href='${r.url}'>${r.location}</a>`
        );
      }),
    );
    expect(problems).toEqual([]);
  });

  it('keeps one driver id and vehicle per driver across files and days', () => {
    const identity = new Map<string, Set<string>>();
    for (const r of [...incidents, ...summaries].flatMap((f) => f.records)) {
      if (r.driver_name === 'median') continue;
      const id =
        r.vehicle === undefined ? r.driver_id : `${r.driver_id}|${r.vehicle}`;
      identity.set(
        r.driver_name,
        (identity.get(r.driver_name) ?? new Set()).add(r.driver_id),
      );
      if (r.vehicle !== undefined) {
        identity.set(
          `${r.driver_name}#vehicle`,
          (identity.get(`${r.driver_name}#vehicle`) ?? new Set()).add(id),
        );
      }
    }
    expect([...identity.values()].filter((s) => s.size !== 1)).toEqual([]);
    const noId = summaries[0].records.filter((r) =>
      r.driver_name.endsWith('-No DriverID'),
    );
    expect(noId.length).toBeGreaterThan(0);
    expect(
      noId.every(
        (r) => r.driver_id === '' && /^\d+-No DriverID$/.test(r.driver_name),
      ),
    ).toBe(true);
    const ids = summaries[0].records.map((r) => r.driver_id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sorts the summary by percent speeding with a median row in the middle', () => {
    for (const f of summaries) {
      const at = f.rows.findIndex((r) => r[0] === 'median');
      expect(at).toBe(Math.ceil(drivers / 2));
      const marker = f.rows[at];
      expect(marker).toHaveLength(7);
      const rest = f.records.filter((r) => r.driver_name !== 'median');
      const percents = rest.map((r) => Number(r.percent_speeding));
      expect(percents).toEqual([...percents].sort((a, b) => b - a));
      const sorted = [...percents].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      const median =
        sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
      expect(marker[2]).toBe(median.toFixed(1));
    }
  });

  it('keeps the trailer with the mock day in its date line', () => {
    for (const f of [...incidents, ...summaries]) {
      expect(f.trailer).toHaveLength(sampleIncidents.trailer.length);
      const date = new Date(`${f.day}T00:00:00Z`);
      const line = `"${date.toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: '2-digit', year: 'numeric', timeZone: 'UTC' })} US/Eastern",UTC-04:00`;
      expect(f.trailer[2]).toBe(line);
      expect(f.trailer[0]).toBe(sampleIncidents.trailer[0]);
      expect(f.trailer.at(-1)).toMatch(
        /^tgreport-2\.2\.0<10\.20\.0\.5>@\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/,
      );
    }
  });
});
