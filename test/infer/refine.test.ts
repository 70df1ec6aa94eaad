import { inferConfig } from '../../src/infer';

/**
 * The embedding and cross-file steps inside inferConfig, on samples small
 * enough to read at a glance.
 */

function csv(header: string, rows: string[]): string {
  return [header, ...rows].join('\n') + '\n';
}

const trips = csv('unit,km,road,link', [
  'U17,12,motorway,https://x.example/t?u=U17&km=12&r=301',
  'U17,3,street,https://x.example/t?u=U17&km=3&r=302',
  'U17,40,motorway,https://x.example/t?u=U17&km=40&r=303',
  'U27,5,street,https://x.example/t?u=U27&km=5&r=304',
  'U27,2,street,https://x.example/t?u=U27&km=2&r=305',
  'U37,2,motorway,https://x.example/t?u=U37&km=2&r=306',
  'U37,30,street,https://x.example/t?u=U37&km=30&r=307',
  'U37,31,street,https://x.example/t?u=U37&km=31&r=308',
]);

const units = csv('unit,trips,on_motorway,km', [
  'U17,3,2,55',
  'U27,2,0,7',
  'U37,3,1,63',
  'U47,0,0,0',
]);

describe('inferConfig with the embedding and cross-file steps', () => {
  const config = inferConfig([
    { name: 'TRIPS_20210303.csv', text: trips },
    { name: 'UNITS_20210303.csv', text: units },
  ]);
  const [tripFile, unitFile] = config.files;
  const column = (f: typeof tripFile, name: string) =>
    f.columns.find((c) => c.name === name)!;

  it('writes the link from the row, drawing the part no column explains', () => {
    expect(column(tripFile, 'link')).toMatchObject({
      kind: 'template',
      template: 'https://x.example/t?u=${unit}&km=${km}&r=${LINK_PARTS.r}',
    });
    expect(column(tripFile, 'LINK_PARTS')).toMatchObject({
      kind: 'choice',
      hidden: true,
      sample: { r: "regex(link, '&r=(\\d+)')" },
    });
    expect(tripFile.relations.map((r) => r.name)).toContain(
      'link embeds the row',
    );
  });

  it('counts, splits and sums the trips of each unit', () => {
    expect(unitFile).toMatchObject({
      rows: 'per-entity-day',
      from: tripFile.role,
      aggregates: {
        N: { fn: 'count' },
        N_ON_MOTORWAY: { fn: 'count', where: "road == 'motorway'" },
        SUM_KM: { fn: 'sum', of: 'km' },
      },
    });
    expect(column(unitFile, 'trips')).toMatchObject({
      kind: 'expr',
      expr: 'N',
    });
    expect(column(unitFile, 'km')).toMatchObject({
      kind: 'expr',
      expr: 'SUM_KM',
    });
  });

  it('leaves no hidden column that nothing reads', () => {
    for (const file of config.files) {
      const text = JSON.stringify(file.columns.filter((c) => !c.hidden));
      const rest = JSON.stringify([file.aggregates, file.relations]);
      for (const hidden of file.columns.filter((c) => c.hidden)) {
        const others = JSON.stringify(
          file.columns.filter((c) => c.hidden && c !== hidden),
        );
        expect(`${text}${rest}${others}`).toContain(hidden.name);
      }
    }
  });
});
