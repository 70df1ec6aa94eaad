import type { AggregateSpec } from '../../src/config/schema';
import { Aggregator } from '../../src/core/aggregates';
import {
  evaluate,
  parseExpression,
  truthy,
  type Row,
} from '../../src/core/expr';
import { inferCrossFile, type CrossFindings } from '../../src/infer/cross';
import { replacementOf } from '../../src/infer/cross-described';
import { guessTypes, typedRows, type TableRows } from '../../src/infer/typed';
import {
  fixtureTable,
  INCIDENT,
  SUMMARY,
  SUMMARY_MEDIAN_MARKER,
  table,
} from '../support/tables';

const ctx = { random: () => 0 };

/**
 * The per-entity rows with the aggregates of their entity's rows, as the
 * generator would compute them on the sample.
 */
function scopes(
  many: TableRows,
  perEntity: TableRows,
  found: CrossFindings,
): Row[] {
  const manyRows = typedRows(many, guessTypes(many));
  const computed = found.manyHidden.flatMap((h) =>
    h.kind === 'expr' ? [[h.name, parseExpression(h.expr)] as const] : [],
  );
  for (const row of manyRows) {
    for (const [name, node] of computed) {
      if (!name.startsWith('IN_')) row[name] = evaluate(node, row, ctx);
    }
  }
  const readable: Record<string, AggregateSpec> = Object.fromEntries(
    Object.entries(found.file.aggregates).filter(
      ([, a]) => !a.where?.includes('IN_'),
    ),
  );
  const aggregator = new Aggregator(readable);
  const keyOf = (t: TableRows, fields: string[]) =>
    found.key.perEntity.map((k) => fields[t.header.indexOf(k)]).join('\u0000');
  return typedRows(perEntity, guessTypes(perEntity)).map((row, r) => {
    const values = aggregator.empty();
    const key = keyOf(perEntity, perEntity.records[r]);
    many.records.forEach((fields, i) => {
      if (keyOf(many, fields) === key) aggregator.add(values, manyRows[i]);
    });
    return { ...row, ...values };
  });
}

function holds(check: string, row: Row): boolean {
  return truthy(evaluate(parseExpression(check), row, ctx));
}

function exprOf(found: CrossFindings, column: string): string | undefined {
  const spec = found.columns.find((c) => c.name === column);
  return spec?.kind === 'expr' ? spec.expr : undefined;
}

describe('inferCrossFile on the daily driver reports', () => {
  const incident = fixtureTable(INCIDENT);
  const summary = fixtureTable(SUMMARY);
  const found = inferCrossFile(incident, summary, {
    from: 'incident',
    role: 'summary',
  })!;
  const rows = scopes(incident, summary, found);

  it('joins on driver_name and driver_id, as two drivers share a name', () => {
    expect(found.key).toEqual({
      many: ['driver_name', 'driver_id'],
      perEntity: ['driver_name', 'driver_id'],
    });
    expect(found.file).toMatchObject({
      rows: 'per-entity-day',
      from: 'incident',
      entityKey: 'driver_name',
    });
    expect(found.shared).toEqual(['vehicle_type']);
  });

  it('counts the incidents, split by a flag no incident column explains', () => {
    expect(found.file.aggregates).toEqual({
      N: { fn: 'count' },
      N_INCIDENTS_INTERSTATE_FREEWAY: {
        fn: 'count',
        where: "IN_INCIDENTS_INTERSTATE_FREEWAY == 'yes'",
      },
      N_INCIDENTS_NON_INTERSTATE_FREEWAY: {
        fn: 'count',
        where: "IN_INCIDENTS_INTERSTATE_FREEWAY != 'yes'",
      },
      MAX_DIFFERENCE_ROW: { fn: 'argmax', of: 'difference' },
      MAX_SPEED_NON_INTERSTATE_FREEWAY: expect.anything(),
      MAX_SPEED_INTERSTATE_FREEWAY: expect.anything(),
      MAX_SPEED: expect.anything(),
    });
    expect(exprOf(found, 'percent_speeding_numerator')).toBe('N');
    expect(exprOf(found, 'incidents_interstate/freeway')).toBe(
      'N_INCIDENTS_INTERSTATE_FREEWAY',
    );
    expect(found.manyHidden).toEqual([
      {
        name: 'IN_INCIDENTS_INTERSTATE_FREEWAY',
        kind: 'expr',
        hidden: true,
        expr: "if(chance(SHARE_INCIDENTS_INTERSTATE_FREEWAY), 'yes', 'no')",
      },
    ]);
    expect(found.attributes).toEqual([
      {
        name: 'SHARE_INCIDENTS_INTERSTATE_FREEWAY',
        kind: 'choice',
        type: 'number',
        sample:
          '`incidents_interstate/freeway` / (`incidents_interstate/freeway` + `incidents_non-interstate/freeway`)',
        where:
          '`incidents_interstate/freeway` + `incidents_non-interstate/freeway` > 0',
        file: 'summary',
      },
    ]);
    expect(found.notes[0]).toContain('no condition on its columns');
  });

  it('finds the ratios, the sums and the observations above the counts', () => {
    expect(exprOf(found, 'percent_speeding')).toBe(
      'round(100 * percent_speeding_numerator / percent_speeding_denominator, 1)',
    );
    expect(exprOf(found, 'percent_speeding_interstate/freeway')).toBe(
      'if(`observations_interstate/freeway` == 0, 0, round(100 * `incidents_interstate/freeway` / `observations_interstate/freeway`, 1))',
    );
    expect(exprOf(found, 'percent_speeding_denominator')).toBe(
      '`observations_interstate/freeway` + `observations_non-interstate/freeway`',
    );
    expect(exprOf(found, 'observations_interstate/freeway')).toBe(
      '`incidents_interstate/freeway` + EXTRA_OBSERVATIONS_INTERSTATE_FREEWAY',
    );
    expect(exprOf(found, 'observations_non-interstate/freeway')).toBe(
      '`incidents_non-interstate/freeway` + max(EXTRA_OBSERVATIONS_NON_INTERSTATE_FREEWAY, if(`observations_interstate/freeway` + `incidents_non-interstate/freeway` == 0, 1, 0))',
    );
    expect(found.hidden.map((h) => h.name)).toEqual([
      'EXTRA_OBSERVATIONS_INTERSTATE_FREEWAY',
      'EXTRA_OBSERVATIONS_NON_INTERSTATE_FREEWAY',
      'TOP_SPEED_NON_INTERSTATE_FREEWAY',
      'TOP_SPEED_INTERSTATE_FREEWAY',
    ]);
  });

  it('describes the worst incident, "-" for drivers without any', () => {
    expect(exprOf(found, 'worst_incident_date')).toBe(
      "if(N == 0, '-', MAX_DIFFERENCE_ROW.time)",
    );
    expect(exprOf(found, 'url')).toBe(
      "if(N == 0, '-', replace(MAX_DIFFERENCE_ROW.url, '273940975', '273940983'))",
    );
    expect(exprOf(found, 'incident_location')).toBe(
      "if(N == 0, '-', replace(MAX_DIFFERENCE_ROW.map, '273940975', '273940983'))",
    );
    const worst = found.columns.find((c) => c.name === 'worst_incident_date');
    expect(worst).toMatchObject({
      type: 'datetime',
      format: 'YYYY-MM-DD HH:mm:ss',
      placeholders: ['-'],
    });
    expect(found.notes[1]).toContain('for 162 of 171 entities');
  });

  it('keeps the top speeds at least the fastest incident of their kind', () => {
    expect(exprOf(found, 'max_speed_interstate/freeway')).toBe(
      'if(`observations_interstate/freeway` == 0, 0, max(coalesce(MAX_SPEED_INTERSTATE_FREEWAY, 0), TOP_SPEED_INTERSTATE_FREEWAY))',
    );
    expect(found.file.aggregates).toMatchObject({
      MAX_SPEED_INTERSTATE_FREEWAY: {
        fn: 'max',
        of: 'speed',
        where: "IN_INCIDENTS_INTERSTATE_FREEWAY == 'yes'",
      },
      MAX_SPEED: { fn: 'max', of: 'speed' },
    });
    const [top] = found.relations.filter((r) => r.name.includes('at least'));
    expect(top.check).toBe(
      'max(`max_speed_non-interstate/freeway`, `max_speed_interstate/freeway`) >= coalesce(MAX_SPEED, 0)',
    );
    expect(rows.filter((row) => !holds(top.check, row))).toEqual([]);
  });

  it('finds the written order and the median line', () => {
    expect(found.file.order).toEqual({
      by: 'percent_speeding',
      descending: true,
    });
    expect(found.file.markers).toEqual([SUMMARY_MEDIAN_MARKER]);
  });

  it('returns counts and sums that hold on every summary row', () => {
    const exact = found.relations.filter((r) =>
      /counts rows|adds up/.test(r.name),
    );
    expect(exact.map((r) => r.name)).toEqual([
      'percent_speeding_numerator counts rows',
      'percent_speeding_numerator adds up',
      'percent_speeding_denominator adds up',
    ]);
    for (const r of exact) {
      expect(rows.filter((row) => !holds(r.check, row))).toEqual([]);
    }
  });

  it('returns ratios that hold but where the sample rounded a half to even', () => {
    const ratios = found.relations.filter((r) => r.name.endsWith('ratio'));
    expect(ratios).toHaveLength(3);
    for (const r of ratios) {
      const broken = rows.filter((row) => !holds(r.check, row));
      const [, a, b] = /round\(100 \* (.+) \/ (.+), 1\)/.exec(r.check)!;
      for (const row of broken) {
        const tenths = evaluate(
          parseExpression(`1000 * ${a} / ${b}`),
          row,
          ctx,
        );
        expect((tenths as number) % 1).toBeCloseTo(0.5, 9);
      }
    }
  });

  it('takes every worst-incident column from one incident of the driver', () => {
    const [worst] = found.relations.filter((r) => r.name.startsWith('row'));
    const held = rows.filter((row) => holds(worst.check, row)).length;
    expect(held).toBe(rows.length - 9);
    const url = summary.header.indexOf('url');
    const time = summary.header.indexOf('worst_incident_date');
    const incidentUrl = incident.header.indexOf('url');
    const incidentTime = incident.header.indexOf('time');
    for (const fields of summary.records) {
      if (fields[url] === '-') continue;
      const same = incident.records.find(
        (r) =>
          r[incidentTime] === fields[time] &&
          r[incidentUrl].replace('273940975', '273940983') === fields[url],
      );
      expect(same).toBeDefined();
    }
  });
});

describe('inferCrossFile on small tables', () => {
  const trips = table(
    ['who', 'road', 'km', 'at'],
    [
      ['ann', 'motorway', '12', '2020-01-01 08:00:00'],
      ['ann', 'street', '3', '2020-01-01 09:00:00'],
      ['ann', 'motorway', '40', '2020-01-01 10:00:00'],
      ['bo', 'street', '5', '2020-01-01 08:30:00'],
      ['bo', 'street', '2', '2020-01-01 11:00:00'],
    ],
  );

  it('finds a count under a condition, a sum, a maximum and a placeholder', () => {
    const perWho = table(
      ['who', 'trips', 'on_motorway', 'off', 'km', 'longest', 'share'],
      [
        ['ann', '3', '2', '1', '55', '40', '66.7'],
        ['bo', '2', '0', '2', '7', '5', '0.0'],
        ['cy', '0', '0', '0', '0', '-', '0.0'],
      ],
    );
    const found = inferCrossFile(trips, perWho, { from: 'trips' })!;
    expect(found.key).toEqual({ many: ['who'], perEntity: ['who'] });
    expect(found.file.aggregates).toEqual({
      N: { fn: 'count' },
      N_ON_MOTORWAY: { fn: 'count', where: "road == 'motorway'" },
      N_OFF: { fn: 'count', where: "road != 'motorway'" },
      SUM_KM: { fn: 'sum', of: 'km' },
      MAX_KM: { fn: 'max', of: 'km' },
    });
    expect(exprOf(found, 'trips')).toBe('N');
    expect(exprOf(found, 'longest')).toBe("if(N == 0, '-', MAX_KM)");
    expect(exprOf(found, 'share')).toBe(
      'if(trips == 0, 0, round(100 * on_motorway / trips, 1))',
    );
    const rows = scopes(trips, perWho, found);
    for (const r of found.relations) {
      expect(rows.every((row) => holds(r.check, row))).toBe(true);
    }
  });

  it('finds the row an argmin describes', () => {
    const first = table(
      ['who', 'first_at', 'first_km'],
      [
        ['ann', '2020-01-01 08:00:00', '12'],
        ['bo', '2020-01-01 08:30:00', '5'],
      ],
    );
    const found = inferCrossFile(trips, first, { from: 'trips' })!;
    expect(found.file.aggregates).toMatchObject({
      MIN_AT_ROW: { fn: 'argmin', of: 'at' },
    });
    expect(exprOf(found, 'first_at')).toBe('MIN_AT_ROW.at');
    expect(exprOf(found, 'first_km')).toBe('MIN_AT_ROW.km');
  });

  it('finds no join when no column names every row of the other file', () => {
    const other = table(
      ['name', 'n'],
      [
        ['x', '1'],
        ['y', '2'],
      ],
    );
    expect(inferCrossFile(trips, other, { from: 'trips' })).toBeUndefined();
  });
});

describe('replacementOf', () => {
  it('finds the one id a copy writes differently', () => {
    expect(
      replacementOf([
        ['u?rp=273940983&a=1', 'u?rp=273940975&a=1'],
        ['u?rp=273940983&a=22', 'u?rp=273940975&a=22'],
      ]),
    ).toEqual(['273940975', '273940983']);
  });

  it('finds none when the copies differ in more than one way', () => {
    expect(
      replacementOf([
        ['x=1&y=2', 'x=3&y=2'],
        ['x=1&y=5', 'x=1&y=6'],
      ]),
    ).toBeUndefined();
  });
});
