import {
  formatDatetime,
  hourOfDay,
  parseDatetime,
  parseNumber,
  secondOfDay,
} from '../../src/report/values';

describe('parseNumber', () => {
  it.each([
    ['4.0', 4],
    ['-86.311444', -86.311444],
    ['466775.7', 466775.7],
    ['0162788265', 162788265],
    ['1e3', 1000],
    ['.5', 0.5],
  ])('reads %s as %d', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  it.each(['', ' ', '0x10', 'Infinity', '1e999', '1599700637263.837450.223'])(
    'rejects %j',
    (text) => {
      expect(parseNumber(text)).toBeNull();
    },
  );
});

describe('parseDatetime', () => {
  it.each([
    ['2020-09-10 22:05:11', Date.UTC(2020, 8, 10, 22, 5, 11)],
    ['2020-09-09 22:17:17.255000000', Date.UTC(2020, 8, 9, 22, 17, 17, 255)],
    ['2020-09-10T22:05:11Z', Date.UTC(2020, 8, 10, 22, 5, 11)],
    ['2020-09-10T22:05:11+02:00', Date.UTC(2020, 8, 10, 20, 5, 11)],
    ['2020-09-10T22:05-0530', Date.UTC(2020, 8, 11, 3, 35)],
    ['2020-06-09', Date.UTC(2020, 5, 9)],
    ['2020-02-29 00:00:00', Date.UTC(2020, 1, 29)],
    ['1969-12-31 23:59:59', -1000],
  ])('reads %s as UTC epoch milliseconds', (text, expected) => {
    expect(parseDatetime(text)).toBe(expected);
  });

  it.each([
    '2019-02-29 10:00:00',
    '2020-13-01',
    '2020-04-31',
    '2020-09-10 24:00:00',
    '2020-09-10 22:60',
    '20200910',
    '2020-09-10Z',
    'Tue Jun 09 05:54:23 2020',
  ])('rejects %j', (text) => {
    expect(parseDatetime(text)).toBeNull();
  });
});

describe('formatDatetime', () => {
  it('writes seconds without a fraction when there are no milliseconds', () => {
    expect(formatDatetime(Date.UTC(2020, 8, 10, 22, 5, 11))).toBe(
      '2020-09-10 22:05:11',
    );
  });

  it('writes milliseconds and rounds finer fractions', () => {
    expect(formatDatetime(Date.UTC(2020, 8, 9, 22, 17, 17, 255) + 0.6)).toBe(
      '2020-09-09 22:17:17.256',
    );
  });

  it('handles dates before 1970 and leap days', () => {
    expect(formatDatetime(-1000)).toBe('1969-12-31 23:59:59');
    expect(formatDatetime(Date.UTC(2000, 1, 29, 12))).toBe(
      '2000-02-29 12:00:00',
    );
  });

  it('reads back what parseDatetime read, for every day of 2020', () => {
    for (let day = 0; day < 366; day += 1) {
      const epoch = Date.UTC(2020, 0, 1 + day, 7, 3, 9);
      const text = formatDatetime(epoch);
      expect(parseDatetime(text)).toBe(epoch);
    }
  });
});

describe('hourOfDay', () => {
  it.each([
    ['2020-09-10 00:00:00', 0],
    ['2020-09-10 01:59:59.999', 1],
    ['2023-03-01 13:00:00', 13],
    ['2020-09-10 23:59:59', 23],
    ['1969-12-31 23:59:59', 23],
    ['1969-12-31 00:30:00', 0],
    ['2020-09-10T01:30:00+02:00', 23],
  ])('reads %s as hour %d', (text, hour) => {
    expect(hourOfDay(parseDatetime(text) as number)).toBe(hour);
  });
});

describe('secondOfDay', () => {
  it.each([
    ['2020-09-10 00:00:00', 0],
    ['2020-09-10 22:05:11', 79_511],
    ['2024-09-10 22:05:11', 79_511],
    ['2020-09-09 22:17:17.255', 80_237.255],
    ['1969-12-31 23:59:59', 86_399],
    ['2020-09-10T01:30:00+02:00', 84_600],
  ])('reads %s as second %d of its day', (text, second) => {
    expect(secondOfDay(parseDatetime(text) as number)).toBe(second);
  });
});
