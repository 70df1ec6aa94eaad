import { parseDateTime, SECONDS_PER_DAY } from '../core/datetime';

/** What a sample's file name says: its role, pattern and output name. */
export interface FileNaming {
  role: string;
  match: string;
  output: string;
}

/** Dates a file name may carry, with their layout and pattern. */
const NAME_DATES: { re: RegExp; layout: string; pattern: string }[] = [
  {
    re: /(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/,
    layout: 'YYYY-MM-DD',
    pattern: '\\d{4}-\\d{2}-\\d{2}',
  },
  {
    re: /(?<!\d)\d{4}_\d{2}_\d{2}(?!\d)/,
    layout: 'YYYY_MM_DD',
    pattern: '\\d{4}_\\d{2}_\\d{2}',
  },
  { re: /(?<!\d)\d{8}(?!\d)/, layout: 'YYYYMMDD', pattern: '\\d{8}' },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Names each file: the role it was given, else one from the words its name
 * does not share with the other files' names, a pattern with its date as digits, and an output
 * template that keeps the sample's offset between the name's date and
 * `dataDay`, the day its rows are about.
 */
export function nameFiles(
  files: { name: string; dataDay?: string; role?: string }[],
): FileNaming[] {
  const words = files.map((f) => wordsOf(f.name));
  const common =
    words.length > 1
      ? words[0].filter((w) => words.every((ws) => ws.includes(w)))
      : [];
  const roles: string[] = [];
  return files.map((file, i) => {
    const own = words[i].filter((w) => !common.includes(w));
    let role = (own.length ? own : words[i]).join('_') || 'file';
    if (!/^[a-z]/.test(role)) role = `file_${role}`;
    if (file.role) role = file.role;
    for (let n = 2; roles.includes(role); n++) role = `${role}_${n}`;
    roles.push(role);
    return { role, ...patternAndOutput(file.name, file.dataDay) };
  });
}

function wordsOf(name: string): string[] {
  return name
    .replace(/\.[A-Za-z0-9]+$/, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !/^\d+$/.test(w));
}

function patternAndOutput(
  name: string,
  dataDay: string | undefined,
): { match: string; output: string } {
  for (const date of NAME_DATES) {
    const m = date.re.exec(name);
    if (!m) continue;
    const named = parseDateTime(m[0], date.layout);
    if (Number.isNaN(named)) continue;
    const [before, after] = [
      name.slice(0, m.index),
      name.slice(m.index + m[0].length),
    ];
    const data = dataDay ? parseDateTime(dataDay, 'YYYY-MM-DD') : named;
    const offset = Math.round((named - data) / SECONDS_PER_DAY);
    const day = offset ? `day + ${offset * SECONDS_PER_DAY}` : 'day';
    const shift = offset < 0 ? `day - ${-offset * SECONDS_PER_DAY}` : day;
    return {
      match: `^${escape(before)}${date.pattern}${escape(after)}$`,
      output: `${literal(before)}\${format_time(${shift}, '${date.layout}')}${literal(after)}`,
    };
  }
  return { match: `^${escape(name)}$`, output: literal(name) };
}

/** Text put in a template as it is, even where it holds `${`. */
export function literal(text: string): string {
  return text.replace(/\$\{/g, "${'${'}");
}
