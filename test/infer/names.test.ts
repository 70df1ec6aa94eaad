import { literal, nameFiles } from '../../src/infer/names';
import { trailerTemplates } from '../../src/infer/trailer';

describe('nameFiles', () => {
  it('takes roles from the words the other names lack', () => {
    const named = nameFiles([
      { name: 'SG_20200609_DAILY_DRIVER_INCIDENT.csv', dataDay: '2020-06-09' },
      { name: 'SG_20200609_DAILY_DRIVER_SUMMARY.csv', dataDay: '2020-06-09' },
    ]);
    expect(named.map((n) => n.role)).toEqual(['incident', 'summary']);
    expect(named[0].match).toBe('^SG_\\d{8}_DAILY_DRIVER_INCIDENT\\.csv$');
  });

  it('keeps the offset between the name date and the data day', () => {
    const [ahead, behind, same] = nameFiles([
      { name: 'PERFORM_20200911.csv', dataDay: '2020-09-10' },
      { name: 'report-2020-09-09.csv', dataDay: '2020-09-10' },
      { name: 'trips_2020_09_10.csv', dataDay: '2020-09-10' },
    ]);
    expect(ahead.output).toBe(
      "PERFORM_${format_time(day + 86400, 'YYYYMMDD')}.csv",
    );
    expect(behind.output).toBe(
      "report-${format_time(day - 86400, 'YYYY-MM-DD')}.csv",
    );
    expect(behind.match).toBe('^report-\\d{4}-\\d{2}-\\d{2}\\.csv$');
    expect(same.output).toBe("trips_${format_time(day, 'YYYY_MM_DD')}.csv");
  });

  it('leaves a name without a date as it is', () => {
    const [named] = nameFiles([{ name: 'fleet ${x}.csv' }]);
    expect(named).toEqual({
      role: 'fleet_x',
      match: '^fleet \\$\\{x\\}\\.csv$',
      output: "fleet ${'${'}x}.csv",
    });
    expect(literal('a ${b}')).toBe("a ${'${'}b}");
  });
});

describe('trailerTemplates', () => {
  it('moves dates near the data day with the mock day, in their layout', () => {
    expect(
      trailerTemplates(
        [
          'Report for March 03, 2021',
          'printed 03/04/2021',
          'generated 2021-03-04 06:30:00',
          'since 2002-01-01',
          'plain text',
        ],
        '2021-03-03',
      ),
    ).toEqual([
      "Report for ${format_time(day, 'MMMM DD, YYYY')}",
      "printed ${format_time(day + 86400, 'MM/DD/YYYY')}",
      "generated ${format_time(day + 109800, 'YYYY-MM-DD HH:mm:ss')}",
      'since 2002-01-01',
      'plain text',
    ]);
  });

  it('keeps every line as written without a data day', () => {
    expect(trailerTemplates(['on 2021-03-03'], undefined)).toEqual([
      'on 2021-03-03',
    ]);
  });
});
