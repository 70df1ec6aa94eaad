import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  chromium,
  type Browser,
  type Locator,
  type Page,
} from 'playwright-core';

import type { ReportModel } from '../../src/report/model';
import { renderReport } from '../../src/report/render';
import { fleetReport, SCRIPT } from './fleet-report';

// Debian's chromium, as installed in CI; playwright's own download is not
// available there.
const LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

describe('report.html in a browser', () => {
  let folder: string;
  let browser: Browser;
  let page: Page;
  let model: ReportModel;
  const problems: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    model = fleetReport();
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fleetmocker-report-'));
    const file = path.join(folder, 'report.html');
    fs.writeFileSync(file, renderReport(model));

    browser = await chromium.launch(LAUNCH);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request: ${r.url()}`));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  });

  // The SVG chart of one column, found by its place in the model.
  function chartOf(role: string, column: string): Locator {
    const f = model.files.findIndex((file) => file.role === role);
    const c = model.files[f].columns.findIndex((col) => col.name === column);
    return page.locator(`#chart-${f + 1}-${c + 1}-title`).locator('..');
  }

  function textIn(chart: Locator, text: string): Locator {
    return chart.locator('text', { hasText: text });
  }

  afterAll(async () => {
    await browser?.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('loads without console errors, page errors or failed requests', () => {
    expect(problems).toEqual([]);
  });

  it('shows every column name in its file table', async () => {
    for (const [f, file] of model.files.entries()) {
      const names = page.locator(`#file-${f + 1} table.columns th.name`);
      const expected = file.columns.map((c) => c.name);

      expect(await names.allInnerTexts()).toEqual(expected);
      for (let i = 0; i < expected.length; i += 1) {
        expect(await names.nth(i).isVisible()).toBe(true);
      }
    }
    expect(model.files[0].columns.map((c) => c.name)).toEqual(
      expect.arrayContaining(['DRIVERNAME', 'STRT_DATIME', 'TRAVELED_MILES']),
    );
    expect(model.files[1].columns.map((c) => c.name)).toContain('speed');
  });

  it('draws one titled, visible SVG chart per column', async () => {
    const total = model.files.reduce((n, f) => n + f.columns.length, 0);
    const charts = page.locator('td.chart > svg');
    const titles = await page
      .locator('td.chart > svg > title')
      .allTextContents();
    const names = model.files.flatMap((f) => f.columns.map((c) => c.name));

    expect(await charts.count()).toBe(total);
    expect(titles).toHaveLength(total);
    titles.forEach((title, i) => {
      expect(title.startsWith(`${names[i]}: `)).toBe(true);
    });
    for (let i = 0; i < total; i += 1) {
      const box = await charts.nth(i).boundingBox();
      expect(box?.width).toBe(340);
      expect(box?.height).toBeGreaterThanOrEqual(40);
    }
    const bars = await page.locator('#file-1 td.chart rect.mock').count();
    expect(bars).toBeGreaterThan(100);
  });

  it('charts datetimes by time of day, alike in a later year', async () => {
    const chart = chartOf('PERFORM', 'STRT_DATIME');
    const heights = (series: string): Promise<string[]> =>
      chart
        .locator(`rect.${series}[height]:not([rx])`)
        .evaluateAll((rs) => rs.map((r) => r.getAttribute('height') ?? ''));

    const caption = 'time of day, one bar per hour; dates left out';

    expect(await textIn(chart, caption).isVisible()).toBe(true);
    expect(await heights('sample')).toHaveLength(24);
    expect(await heights('mock')).toEqual(await heights('sample'));
    // The table keeps the dates themselves.
    const row = page.locator('#file-1 tbody', {
      has: page.locator('th.name', { hasText: /^STRT_DATIME$/ }),
    });
    expect(await row.locator('tr.sample .stats').innerText()).toContain(
      '2020-09-10 22:59:33',
    );
    expect(await row.locator('tr.mock .stats').innerText()).toContain(
      '2024-09-10 22:59:33',
    );
  });

  it('tabulates a column of many names instead of charting it', async () => {
    const chart = chartOf('PERFORM', 'DRIVERNAME');
    const text = await chart.locator('text').allTextContents();

    const note = 'Too many distinct values for a bar chart';

    expect(await textIn(chart, note).isVisible()).toBe(true);
    expect(text).toEqual(
      expect.arrayContaining(['distinct', 'top 8 hold', '306', '5.2%']),
    );
  });

  it('explains the marks of unknown shares inside the chart', async () => {
    const chart = chartOf('SG_DAILY_DRIVER_INCIDENT', 'driver_name');
    const key = textIn(
      chart,
      "? = not among that file's top values; share unknown",
    );
    // The marks take their series' colour, as no other chart text does.
    const marks = chart.locator('text.sample, text.mock');
    const box = await chart.boundingBox();
    const keyBox = await key.boundingBox();

    expect(
      await marks.evaluateAll((ts) => ts.map((t) => t.lastChild?.textContent)),
    ).toEqual(['?', '?']);
    expect(await key.isVisible()).toBe(true);
    expect(keyBox!.x + keyBox!.width).toBeLessThanOrEqual(box!.x + box!.width);
    expect(keyBox!.y + keyBox!.height).toBeLessThanOrEqual(
      box!.y + box!.height,
    );
  });

  it('shows markup from the data as text and runs none of it', async () => {
    // The incidents' map column holds <a href='https://...'> markup.
    expect(dialogs).toEqual([]);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('a[href^="http"]').count()).toBe(0);
    await expect(
      page.locator('th.name', { hasText: SCRIPT }).isVisible(),
    ).resolves.toBe(true);
    await expect(
      page.locator('.top .v', { hasText: SCRIPT }).first().isVisible(),
    ).resolves.toBe(true);
  });

  it('shows the overall fidelity first and links each score to its column', async () => {
    const first = page.locator('main > section').first();
    const links = page.locator('ol.scores a.name');
    const columns = model.files.reduce((n, f) => n + f.columns.length, 0);
    const relations = model.relations.length;

    expect(await first.getAttribute('id')).toBe('fidelity');
    expect(await first.locator('.headline').innerText()).toMatch(
      /^0\.9\d overall/,
    );
    expect(await links.count()).toBe(columns + relations);
    for (let i = 0; i < (await links.count()); i += 1) {
      const target = (await links.nth(i).getAttribute('href')) as string;
      expect(await page.locator(target).count()).toBe(1);
      expect(await links.nth(i).isVisible()).toBe(true);
    }
  });

  it("shows each file's pairs of number columns, drifting ones first", async () => {
    const tables = page.locator('table.pairs');
    const first = tables.first().locator('tbody tr');
    const pairs = model.fidelity.files.map((f) => f.pairs.length);

    expect(await tables.count()).toBe(2);
    for (let i = 0; i < pairs.length; i += 1) {
      expect(await tables.nth(i).locator('tbody tr').count()).toBe(pairs[i]);
    }
    expect(await first.first().getAttribute('class')).toBe('drift');
    expect(await first.first().isVisible()).toBe(true);
    expect(
      (await first.first().innerText()).split(/\s+/).filter(Boolean),
    ).toEqual(['✗0.50', 'STRT_ODOM', '×', 'END_ODOM', '+1.00', '+0.02']);
    expect(await tables.first().locator('tr.drift').count()).toBe(1);
  });

  it('links a drifting pair from the top of the report to its table', async () => {
    const link = page.locator('ul.below a', {
      hasText: 'STRT_ODOM × END_ODOM',
    });

    await link.click();

    expect(await link.getAttribute('href')).toBe('#pairs-1');
    // Scrolled to the top of the window, give or take a subpixel.
    const box = await page.locator('#pairs-1').boundingBox();
    expect(box?.y).toBeGreaterThan(-1);
    expect(box?.y).toBeLessThan(900);
  });

  it('marks the relations that held on fewer than all rows', async () => {
    const broken = page.locator('#relations tr.broken');

    expect(await broken.count()).toBe(2);
    expect(await broken.first().innerText()).toContain('99.99%');
  });
});
