import {
  evaluate,
  parseExpression,
  truthy,
  type Row,
} from '../../src/core/expr';
import { parseTemplate, renderTemplate } from '../../src/core/template';
import { inferEmbedded, type Embedding } from '../../src/infer/embedded';
import { guessTypes, typedRows, type TableRows } from '../../src/infer/typed';
import {
  fixtureTable,
  INCIDENT,
  PERFORM,
  SUMMARY,
  table,
} from '../support/tables';

const ctx = { random: () => 0 };

/** The sample's rows typed, with each embedding's hidden parts drawn
 * from the row itself, as the template would see them. */
function scopes(t: TableRows, found: Embedding[]): Row[] {
  return typedRows(t, guessTypes(t)).map((row) => {
    const scope: Row = { ...row };
    for (const e of found) {
      if (!e.hidden || e.hidden.kind !== 'choice') continue;
      const parts: Row = {};
      for (const [field, expr] of Object.entries(e.hidden.sample as object)) {
        parts[field] = evaluate(parseExpression(expr as string), row, ctx);
      }
      scope[e.hidden.name] = parts;
    }
    return scope;
  });
}

function templateOf(e: Embedding): string {
  return e.spec.kind === 'template' ? e.spec.template : '';
}

describe('inferEmbedded on the daily incident report', () => {
  const incident = fixtureTable(INCIDENT);
  const result = inferEmbedded(incident);
  const byColumn = (c: string) => result.found.find((e) => e.column === c)!;

  it('finds that map wraps the url and the location', () => {
    const map = byColumn('map');
    expect(templateOf(map)).toBe("<a href='${url}'>${location}</a>");
    expect(map.hidden).toBeUndefined();
    expect(map.relation.name).toBe('map wraps url and location');
    expect(map.relation.check).toBe(
      `map == "<a href='" + url + "'>" + location + '</a>'`,
    );
  });

  it('finds the row URL-encoded in the url, the rest drawn jointly', () => {
    const url = byColumn('url');
    expect(url.embeds).toEqual([
      'location',
      'speed',
      'speed_limit',
      'time',
      'driver_name',
      'vehicle',
    ]);
    expect(templateOf(url)).toBe(
      'https://sgapi.example.net/m/sgmap?la=${URL_PARTS.la}&lo=${URL_PARTS.lo}&sn=${urlencode(location, "\'")}&os=${speed}km%2Fh(${URL_PARTS.os})&sl=${speed_limit}&da=${urlencode(format_time(time, \'ddd MMM DD HH:mm:ss YYYY\'), "\'")}&tz=US%2FEastern&cs=20417&rp=273940975&sb=1&dri=${urlencode(driver_name, "\'")}&rv=${URL_PARTS.rv}&va=${vehicle}&l1=&c1=&l2=&c2=',
    );
    expect(url.hidden).toMatchObject({
      name: 'URL_PARTS',
      kind: 'choice',
      hidden: true,
      sample: {
        la: "regex(url, '\\?la=([-0-9.]+)')",
        lo: "regex(url, '&lo=([-0-9.]+)')",
        os: "regex(url, 'km%2Fh\\((\\d+)')",
        rv: "regex(url, '&rv=(\\d+)')",
      },
    });
    expect(url.relation.check).toContain(
      "contains(url, '&dri=' + urlencode(driver_name, \"'\") + '&')",
    );
  });

  it('rebuilds every url and map of the sample from its row', () => {
    const rows = scopes(incident, result.found);
    for (const e of result.found) {
      const template = parseTemplate(templateOf(e));
      const i = incident.header.indexOf(e.column);
      rows.forEach((scope, r) => {
        expect(renderTemplate(template, scope, ctx)).toBe(
          incident.records[r][i],
        );
      });
    }
  });

  it('returns checks that hold on every row of the sample', () => {
    const rows = typedRows(incident, guessTypes(incident));
    expect(result.relations).toHaveLength(2);
    for (const relation of result.relations) {
      const check = parseExpression(relation.check);
      expect(rows.every((row) => truthy(evaluate(check, row, ctx)))).toBe(true);
    }
  });

  it('hands back the generators and hidden parts to put in the config', () => {
    expect(result.columns.map((c) => c.name)).toEqual(['map', 'url']);
    expect(result.hidden.map((c) => c.name)).toEqual(['URL_PARTS']);
  });
});

describe('inferEmbedded on other samples', () => {
  it('leaves the summary alone, whose url is "-" for drivers without incidents', () => {
    expect(inferEmbedded(fixtureTable(SUMMARY)).found).toEqual([]);
  });

  it("rebuilds PERFORM's UNIQKEY from the insert time and the login", () => {
    const perform = fixtureTable(PERFORM);
    const [key] = inferEmbedded(perform).found;
    expect(key.column).toBe('UNIQKEY');
    expect(templateOf(key)).toBe(
      '${epoch_ms(INSERT_DATETIME) + 10800000 + rand_int(0, 9)}.${LOGIN}.${UNIQKEY_PARTS.part1}',
    );
    expect(key.hidden).toMatchObject({
      sample: { part1: "regex(UNIQKEY, '\\.(\\d+)$')" },
    });
    expect(key.relation.check).toBe("contains(UNIQKEY, '.' + LOGIN + '.')");
  });
});

describe('inferEmbedded on small tables', () => {
  it('finds a code made of two columns and a literal', () => {
    const t = table(
      ['region', 'n', 'code'],
      [
        ['north', '12', 'RG-north/12'],
        ['south', '7', 'RG-south/7'],
        ['east', '130', 'RG-east/130'],
      ],
    );
    const [code] = inferEmbedded(t).found;
    expect(templateOf(code)).toBe('RG-${region}/${n}');
    expect(code.relation.check).toBe("code == 'RG-' + region + '/' + n");
  });

  it('draws what no column explains, picked out by its key', () => {
    const t = table(
      ['who', 'link'],
      [
        ['Ann Lee', 'x?id=41&who=Ann%20Lee'],
        ['Bo Ma', 'x?id=7&who=Bo%20Ma'],
        ['Cy', 'x?id=99&who=Cy'],
      ],
    );
    const [link] = inferEmbedded(t).found;
    expect(templateOf(link)).toBe(
      'x?id=${LINK_PARTS.id}&who=${urlencode(who)}',
    );
    expect(link.hidden).toMatchObject({
      sample: { id: "regex(link, '\\?id=(\\d+)')" },
    });
  });

  it('does not take a value found between different neighbours', () => {
    const t = table(
      ['n', 'text'],
      [
        ['12', 'a12b and more'],
        ['7', 'c7d and more'],
        ['5', 'e5f and more'],
      ],
    );
    expect(inferEmbedded(t).found).toEqual([]);
  });

  it('does not take a column that is the same in every row', () => {
    const t = table(
      ['kind', 'label'],
      [
        ['B', 'B-one long label'],
        ['B', 'B-two long label'],
      ],
    );
    expect(inferEmbedded(t).found).toEqual([]);
  });
});
