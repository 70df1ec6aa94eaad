import {
  formatDateTime,
  parseDateTime,
  SECONDS_PER_DAY,
} from '../core/datetime';
import { literal } from './names';

/** Dates a footer line may hold, longest layouts first. */
const LINE_DATES: { re: RegExp; layout: (m: string) => string }[] = [
  {
    re: /(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday), [A-Z][a-z]+ \d{2}, \d{4}/,
    layout: () => 'dddd, MMMM DD, YYYY',
  },
  { re: /[A-Z][a-z]+ \d{2}, \d{4}/, layout: () => 'MMMM DD, YYYY' },
  {
    re: /\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,9})?/,
    layout: (m) => {
      const fraction = /\.(\d+)$/.exec(m)?.[1].length ?? 0;
      return `YYYY-MM-DD${m[10]}HH:mm:ss${fraction ? '.' + 'S'.repeat(fraction) : ''}`;
    },
  },
  { re: /\d{4}-\d{2}-\d{2}/, layout: () => 'YYYY-MM-DD' },
  { re: /\d{2}\/\d{2}\/\d{4}/, layout: () => 'MM/DD/YYYY' },
];

/** Footer dates more than this many days from the data day stay as they are. */
const NEAR_DAYS = 2;

/**
 * The footer's lines as templates: a date within a few days of the
 * sample's data day becomes the same offset from the mock day, with its
 * time of day kept; anything else stays as written.
 */
export function trailerTemplates(
  lines: string[],
  dataDay: string | undefined,
): string[] {
  const day = dataDay ? parseDateTime(dataDay, 'YYYY-MM-DD') : NaN;
  return lines.map((line) => {
    if (Number.isNaN(day)) return literal(line);
    for (const date of LINE_DATES) {
      const m = date.re.exec(line);
      if (!m) continue;
      const layout = date.layout(m[0]);
      const t = parseDateTime(m[0], layout);
      if (Number.isNaN(t) || formatDateTime(t, layout) !== m[0]) continue;
      const shift = t - day;
      if (Math.abs(shift) > NEAR_DAYS * SECONDS_PER_DAY) continue;
      const at = shift ? `day + ${round6(shift)}` : 'day';
      return (
        literal(line.slice(0, m.index)) +
        `\${format_time(${at}, '${layout}')}` +
        literal(line.slice(m.index + m[0].length))
      );
    }
    return literal(line);
  });
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
