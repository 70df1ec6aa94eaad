import { formatDateTime, parseDateTime } from '../../src/core/datetime';
import { offsetAt } from '../../src/core/offsets';

const at = (text: string) => parseDateTime(text, 'YYYY-MM-DD HH:mm');

describe('offsetAt', () => {
  const spring = { '00:00:00': '+01:00', '03:00:00': '+02:00' };

  it('gives the offset of the latest start at or before the time', () => {
    expect(offsetAt(at('2022-10-13 01:59'), spring)).toBe('+01:00');
    expect(offsetAt(at('2022-10-13 03:00'), spring)).toBe('+02:00');
  });

  it('carries the last offset over midnight when no start is at 00:00', () => {
    expect(offsetAt(at('2022-10-13 01:00'), { '03:00:00': '-04:00' })).toBe(
      '-04:00',
    );
  });

  it('writes Z without a schedule', () => {
    expect(offsetAt(at('2022-10-13 01:00'))).toBe('Z');
  });
});

describe('the Z token', () => {
  const layout = 'YYYY-MM-DDTHH:mm:ssZ';

  it('reads the wall-clock time and leaves the offset out', () => {
    expect(parseDateTime('2021-03-28T03:10:00+02:00', layout)).toBe(
      Date.UTC(2021, 2, 28, 3, 10) / 1000,
    );
    expect(parseDateTime('2021-03-28T03:10:00Z', layout)).toBe(
      Date.UTC(2021, 2, 28, 3, 10) / 1000,
    );
  });

  it('writes the offset the schedule gives for the time of day', () => {
    const offsets = { '00:00:00': '-05:00', '03:00:00': '-04:00' };
    const t = Date.UTC(2022, 9, 13, 4, 5) / 1000;
    expect(formatDateTime(t, layout, offsets)).toBe(
      '2022-10-13T04:05:00-04:00',
    );
  });
});
