import yargs from 'yargs';
import { z } from 'zod';
import { ArgumentError } from './errors';
import { ENCODINGS, encodingNamed, type Encoding } from './sample/encoding';
import {
  formatDateTime,
  parseDateTime,
  SECONDS_PER_DAY,
} from './core/datetime';

/** Longest date range one run may cover. */
export const MAX_DAYS = 30;
export const DEFAULT_DATA_SIZE = 2000;
export const DEFAULT_STORE = './mocks';

/** A sample file as named on the command line, with its role if given. */
export interface FileArgument {
  path: string;
  role?: string;
}

/** One generation job, validated. */
export interface GenerateJob {
  command: 'generate';
  files: FileArgument[];
  config: string;
  dataSize: number;
  /** First and last mock day, as YYYY-MM-DD. */
  range: { start: string; end: string };
  /** Start of each mock day, in seconds since the epoch. */
  days: number[];
  store: string;
  seed: string;
  /** True when no --seed was given and one was drawn. */
  seedDrawn: boolean;
  /** The encoding of samples without a byte-order mark, if given. */
  encoding?: Encoding;
  /** Prefix text values that a spreadsheet would run as formulas. */
  neutraliseFormulas: boolean;
}

/** Infer a config from samples and print it. */
export interface InferJob {
  command: 'infer';
  files: FileArgument[];
  /** The encoding of samples without a byte-order mark, if given. */
  encoding?: Encoding;
}

export type Command =
  | GenerateJob
  | InferJob
  | { command: 'runs'; limit: number }
  | { command: 'version' }
  | { command: 'help'; text: string };

/** What parsing needs from outside: today's date and a fresh seed. */
export interface ArgsEnvironment {
  now: Date;
  drawSeed: () => string;
}

const HELP_EPILOGUE = `Dates are mm-dd-yy. The range is inclusive at both ends, at most ${MAX_DAYS} days.
Spellings --data_size, --data-size and --dataSize are the same option,
as are --neutralise_formulas and --neutralise-formulas.`;

function parser(argv: string[]) {
  return (
    yargs(argv)
      .scriptName('fleetmocker')
      .usage('$0 --files <sample.csv>... --config <name|path> [options]')
      // Examples, not usage lines: yargs lays examples out in two columns,
      // where it would cut a usage line with a description mid-word.
      .example('$0 infer --files <sample.csv>...', 'print an inferred config')
      .example('$0 runs [--limit N]', 'list recent runs and their timings')
      .option('files', {
        type: 'array',
        string: true,
        describe: "Sample CSV files; file:role sets a file's role",
      })
      .option('config', {
        type: 'string',
        describe:
          'A bundled config (performance, daily_reports), a JSON path, or auto to infer one',
      })
      .option('data_size', {
        alias: ['data-size'],
        type: 'string',
        describe: `Rows of the primary file over the range (default ${DEFAULT_DATA_SIZE})`,
      })
      .option('date_range', {
        alias: ['date-range'],
        type: 'string',
        describe: 'mm-dd-yy:mm-dd-yy (default: the 7 days ending yesterday)',
      })
      .option('store', {
        type: 'string',
        describe: `Output folder (default ${DEFAULT_STORE})`,
      })
      .option('seed', {
        type: 'string',
        describe: 'Integer or text; drawn and printed when not given',
      })
      .option('encoding', {
        type: 'string',
        describe: `Samples' encoding when they have no byte-order mark: ${ENCODINGS.join(', ')} (default utf-8); mocks are written in it too`,
      })
      .option('neutralise_formulas', {
        type: 'boolean',
        describe:
          "Put ' before mock text values starting with = + - or @, so spreadsheets show them, not run them",
      })
      // A separate, hidden option: as an alias its long name would widen
      // the first column of --help for every option.
      .option('neutralise-formulas', { type: 'boolean', hidden: true })
      .option('limit', {
        type: 'string',
        describe: 'With runs: how many runs to list (default 10)',
      })
      .epilogue(HELP_EPILOGUE)
      .wrap(100)
      .help(false)
      .version(false)
      .strictOptions()
      .exitProcess(false)
      .fail((message, error) => {
        throw new ArgumentError(error?.message ?? message);
      })
  );
}

const rawSchema = z.object({
  _: z.array(z.union([z.string(), z.number()])),
  files: z.array(z.string()).optional(),
  config: z.string().optional(),
  data_size: z.string().optional(),
  date_range: z.string().optional(),
  store: z.string().optional(),
  seed: z.string().optional(),
  limit: z.string().optional(),
  encoding: z.string().optional(),
  neutralise_formulas: z.boolean().optional(),
  'neutralise-formulas': z.boolean().optional(),
});

/**
 * Turns command-line words into one validated command.
 * @throws ArgumentError naming the argument and what was expected.
 */
export async function parseArgs(
  argv: string[],
  env: ArgsEnvironment,
): Promise<Command> {
  if (argv.includes('--version')) return { command: 'version' };
  if (argv.includes('--help') || argv.includes('-h')) {
    return { command: 'help', text: await parser([]).getHelp() };
  }
  const raw = rawSchema.parse(await parser(argv).parseAsync());
  const positional = raw._.map(String);
  if (positional[0] === 'runs') {
    const limit = raw.limit === undefined ? 10 : Number(raw.limit);
    if (!/^\d+$/.test(raw.limit ?? '10') || limit < 1) {
      throw new ArgumentError(
        `--limit: expected a positive whole number, found "${raw.limit}"`,
      );
    }
    return { command: 'runs', limit };
  }
  if (positional[0] === 'infer') return inferJob(raw);
  if (positional.length > 0 && positional[0] !== 'generate') {
    throw new ArgumentError(
      `unexpected argument "${positional[0]}", expected options such as --files (see --help)`,
    );
  }
  if (!raw.files || raw.files.length === 0) {
    throw new ArgumentError('--files: expected one or more sample CSV files');
  }
  if (!raw.config) {
    throw new ArgumentError('--config: expected a config name or a JSON path');
  }
  const range = parseDateRange(raw.date_range, env.now);
  const seed = raw.seed ?? env.drawSeed();
  if (seed.trim() === '') {
    throw new ArgumentError(
      '--seed: expected an integer or text, found nothing',
    );
  }
  return {
    command: 'generate',
    files: raw.files.map(parseFileArgument),
    config: raw.config,
    dataSize: parseDataSize(raw.data_size),
    range: {
      start: formatDateTime(range[0], 'YYYY-MM-DD'),
      end: formatDateTime(range[range.length - 1], 'YYYY-MM-DD'),
    },
    days: range,
    store: raw.store ?? DEFAULT_STORE,
    seed,
    seedDrawn: raw.seed === undefined,
    encoding: parseEncoding(raw.encoding),
    neutraliseFormulas:
      (raw.neutralise_formulas ?? false) ||
      (raw['neutralise-formulas'] ?? false),
  };
}

function inferJob(raw: z.infer<typeof rawSchema>): InferJob {
  if (!raw.files || raw.files.length === 0) {
    throw new ArgumentError('--files: expected one or more sample CSV files');
  }
  const unused = [
    'config',
    'data_size',
    'date_range',
    'store',
    'seed',
    'limit',
    'neutralise_formulas',
  ] as const;
  const extra = unused.find((k) => raw[k] !== undefined);
  if (extra) {
    throw new ArgumentError(
      `--${extra}: not used by infer, expected only --files and --encoding`,
    );
  }
  const encoding = parseEncoding(raw.encoding);
  return {
    command: 'infer',
    files: raw.files.map(parseFileArgument),
    ...(encoding ? { encoding } : {}),
  };
}

function parseEncoding(text: string | undefined): Encoding | undefined {
  if (text === undefined) return undefined;
  const encoding = encodingNamed(text);
  if (!encoding) {
    throw new ArgumentError(
      `--encoding: unknown encoding "${text}", expected one of ${ENCODINGS.join(', ')}`,
    );
  }
  return encoding;
}

/** `path:role` names a role; a URI's scheme is not a role. */
export function parseFileArgument(text: string): FileArgument {
  const m = /^(.+):([a-z][a-z0-9_]*)$/.exec(text);
  if (m && !/^[a-z0-9]+:\/\//i.test(text.slice(m[1].length))) {
    return { path: m[1], role: m[2] };
  }
  return { path: text };
}

function parseDataSize(text: string | undefined): number {
  if (text === undefined) return DEFAULT_DATA_SIZE;
  if (
    !/^\d+$/.test(text.trim()) ||
    Number(text) < 1 ||
    !Number.isSafeInteger(Number(text))
  ) {
    throw new ArgumentError(
      `--data_size: expected a positive whole number, found "${text}"`,
    );
  }
  return Number(text);
}

/**
 * The start of every day in a range. Without one: the 7 days that end
 * yesterday.
 */
function parseDateRange(text: string | undefined, now: Date): number[] {
  let first: number;
  let last: number;
  if (text === undefined) {
    const today = Math.floor(now.getTime() / 1000 / SECONDS_PER_DAY);
    last = (today - 1) * SECONDS_PER_DAY;
    first = last - 6 * SECONDS_PER_DAY;
  } else {
    const m = /^([^:]+):([^:]+)$/.exec(text.trim());
    if (!m) {
      throw new ArgumentError(
        `--date_range: expected mm-dd-yy:mm-dd-yy, found "${text}"`,
      );
    }
    first = parseDay(m[1], text);
    last = parseDay(m[2], text);
    if (last < first) {
      throw new ArgumentError(
        `--date_range: the end ${m[2]} comes before the start ${m[1]}, expected start:end`,
      );
    }
  }
  const count = (last - first) / SECONDS_PER_DAY + 1;
  if (count > MAX_DAYS) {
    throw new ArgumentError(
      `--date_range: ${count} days, expected at most ${MAX_DAYS}`,
    );
  }
  return Array.from({ length: count }, (_, i) => first + i * SECONDS_PER_DAY);
}

function parseDay(text: string, whole: string): number {
  const t = parseDateTime(text.trim(), 'MM-DD-YY');
  if (Number.isNaN(t)) {
    throw new ArgumentError(
      `--date_range: "${text}" in "${whole}" is not a date, expected mm-dd-yy`,
    );
  }
  return t;
}
