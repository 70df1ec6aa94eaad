import { fidelity } from '../../src/report/fidelity';
import type { ReportModel } from '../../src/report/model';
import { ColumnProfiler, compareProfiles } from '../../src/report/profile';
import { renderReport } from '../../src/report/render';
import { fleetReport, SCRIPT } from './fleet-report';

const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';

function profiles(header: string[], rows: string[][]) {
  const profiler = new ColumnProfiler(header);
  rows.forEach((row) => profiler.add(row));
  return profiler.profiles();
}

function smallReport(): ReportModel {
  const sample = profiles(
    ['SPEED', SCRIPT, 'DRIVERNAME'],
    [
      ['64', '1', 'Scott Howard'],
      ['72', '2', SCRIPT],
      ['105', '1', SCRIPT],
    ],
  );
  const mock = profiles(
    ['SPEED', SCRIPT, 'STRT_DATIME'],
    [
      ['n/a', '1', '2020-09-09 22:05:11'],
      ['70', '1', '2020-09-09 22:05:47'],
    ],
  );
  const files = [
    {
      role: 'PERFORM',
      sampleName: 'PERFORM_20200911.csv',
      days: [
        {
          day: '2020-09-11',
          name: 'PERFORM_20200911.csv',
          rows: 3,
          bytes: 1204,
        },
        {
          day: '2020-09-12',
          name: 'PERFORM_20200912.csv',
          rows: 2,
          bytes: 1100,
        },
      ],
      columns: compareProfiles(sample, mock),
    },
  ];
  return {
    runId: 'run-1',
    toolVersion: '0.1.0',
    seed: '42',
    config: { name: 'fleet-daily', hash: 'sha256:4be1c0de' },
    arguments: { files: 'PERFORM', to: '2020-09-12' },
    files,
    relations: [],
    fidelity: fidelity(files, []),
    stages: [],
  };
}

function count(html: string, text: string): number {
  return html.split(text).length - 1;
}

describe('renderReport', () => {
  const html = renderReport(smallReport());

  it('escapes markup in column names and values', () => {
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toMatch(/<script/i);
    // Column name, its chart title, and the value in the top list and its
    // tooltip, and the value's label in the DRIVERNAME chart.
    expect(count(html, ESCAPED)).toBeGreaterThanOrEqual(5);
    expect(html).toContain(`class="name">${ESCAPED}</th>`);
    expect(html).toContain(`<span class="v" title="${ESCAPED}">${ESCAPED}`);
  });

  it('is one self-contained document', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it('shows the run, tool version, config and seed', () => {
    expect(html).toContain('<dd class="mono">run-1</dd>');
    expect(html).toContain('fleetmocker 0.1.0');
    expect(html).toMatch(
      /fleet-daily\s+<span class="mono hash">sha256:4be1c0de/,
    );
    expect(html).toContain('<dd class="mono">42</dd>');
    expect(html).toMatch(
      /<th scope="row" class="mono">to<\/th>\s*<td class="mono">2020-09-12<\/td>/,
    );
  });

  it('lists the days with rows and bytes, and their totals', () => {
    expect(html).toMatch(
      /PERFORM_20200912\.csv<\/td>\s*<td class="num">2<\/td><td class="num">1,100<\/td>/,
    );
    expect(html).toMatch(
      /<td class="num">5<\/td>\s*<td class="num">2,304<\/td>/,
    );
  });

  it('draws one chart per column, columns of either file included', () => {
    expect(count(html, '<svg ')).toBe(4);
    expect(count(html, 'class="name"')).toBe(4);
  });

  it('marks a column whose kind differs and one missing from a file', () => {
    expect(html).toMatch(
      /<td class="kind differs">text\s*<span class="flag">differs<\/span>/,
    );
    expect(count(html, '>missing</td>')).toBe(2);
  });

  it('says when there are no relations or stages', () => {
    expect(html).toContain('No relations declared.');
    expect(html).toContain('No stages recorded.');
  });

  it('marks relations held on fewer than all checked rows', () => {
    const fleet = renderReport(fleetReport());

    expect(count(fleet, '<tr class="broken">')).toBe(2);
    expect(fleet).toContain('2 of 3 relations held on fewer than 100%');
    expect(fleet).toMatch(/✗ below 100%<\/span>\s*99\.99%/);
    expect(fleet).toContain('>100.00%</td>');
  });

  it('lists stage timings with rounded milliseconds and a total', () => {
    const fleet = renderReport(fleetReport());

    expect(fleet).toMatch(
      /<td>generate<\/td><td class="num">1,205<\/td>\s*<td class="num">9,545<\/td>/,
    );
    expect(fleet).toMatch(/Total<\/th><td class="num">1,749<\/td>/);
  });

  it('puts the overall fidelity at the top, marked when it drifts', () => {
    // SPEED 1/3, the script column 2/3 and two columns in one file only,
    // 0 each: 0.25.
    expect(html.indexOf('id="fidelity"')).toBeLessThan(
      html.indexOf('id="arguments"'),
    );
    expect(html).toMatch(
      /<p class="headline bad"><span class="big"><span class="mark">✗<\/span>0\.25<\/span> overall/,
    );
    expect(html).toContain('<p class="summary bad">Below 0.80:</p>');
    expect(html).toContain('the run the mean of its files');
  });

  it('lists the scores of a file lowest first, linked to its columns', () => {
    const list = html.slice(html.indexOf('<ol class="scores">'));
    const names = [...list.matchAll(/<a class="name mono" href="([^"]+)">/g)];

    expect(count(list, '<li class="drift">')).toBe(4);
    expect(names.map(([, href]) => href)).toEqual([
      '#column-1-3',
      '#column-1-4',
      '#column-1-1',
      '#column-1-2',
    ]);
    for (const [, href] of names) {
      expect(html).toContain(`<tbody id="${href.slice(1)}">`);
    }
    // Escaped, with a place to wrap after the slash.
    expect(list).toContain(
      '<a class="name mono" href="#column-1-2">' +
        '&lt;script&gt;alert(1)&lt;/<wbr>script&gt;</a>',
    );
    expect(list).toContain('style="width: 66%"></span>');
  });

  it('lists the pairs of number columns lowest first, drifting ones marked', () => {
    const fleet = renderReport(fleetReport());
    const table = fleet.slice(fleet.indexOf('<h4 id="pairs-1">'));

    expect(table).toContain(
      '66 by rank correlation, lowest first; 1 below the mark',
    );
    expect(table).toMatch(
      /<tbody>\s*<tr class="drift">\s*<td class="num score"><span class="mark"\s+title="below the mark">✗<\/span>0\.50<\/td>\s*<td class="mono">STRT_ODOM × END_ODOM<\/td>\s*<td class="num">\+1\.00<\/td>\s*<td class="num">\+0\.02<\/td>/,
    );
    expect(fleet).toMatch(
      /<a href="#pairs-1">STRT_ODOM × END_ODOM<\/a> <span class="sub">PERFORM<\/span>/,
    );
    // The incidents' extra column, named like a script tag, is a number
    // column too: its pairs name it escaped.
    expect(fleet).toContain('<h4 id="pairs-2">');
    expect(fleet).toContain(`× ${ESCAPED}</td>`);
    expect(fleet).not.toContain(SCRIPT);
  });

  it('renders the same model to the same bytes', () => {
    expect(renderReport(smallReport())).toBe(html);
  });
});
