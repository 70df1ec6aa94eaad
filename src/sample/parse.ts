import Papa from 'papaparse';
import { SampleError } from '../errors';
import type { Delimiter, Dialect } from './dialect';

/** A sample's records with the physical line each starts on. */
export interface ParsedRecords {
  records: string[][];
  /** 1-based line of each record, counting line breaks inside quotes. */
  lines: number[];
}

/**
 * Splits CSV text into records. Blank lines at the end are dropped; a
 * record's line number is where it starts in the file, so a quoted field
 * that spans lines does not shift the numbers of the records after it.
 * @throws SampleError naming the line of a quoted field that is never
 *   closed or that has text after its closing quote, or of a line that
 *   ends in \r\n in a file whose first line ends in \n.
 */
export function parseRecords(
  text: string,
  fileName: string,
  delimiter: Delimiter,
  newline: Dialect['newline'],
): ParsedRecords {
  const records: string[][] = [];
  const lines: number[] = [];
  let line = 1;
  let counted = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    newline,
    step: (result) => {
      const start = line;
      const problem = result.errors[0];
      if (problem) refuse(problem, fileName, text, counted, start);
      const last = result.data[result.data.length - 1];
      if (newline === '\n' && last.endsWith('\r')) {
        throw new SampleError(
          `${fileName}: line ${start} ends in \\r\\n but line 1 in \\n, expected one kind of line break`,
        );
      }
      records.push(result.data);
      lines.push(start);
      line += breaksIn(text, counted, result.meta.cursor);
      counted = result.meta.cursor;
    },
  });
  while (records.length && isBlank(records[records.length - 1])) {
    records.pop();
    lines.pop();
  }
  return { records, lines };
}

function refuse(
  problem: Papa.ParseError,
  fileName: string,
  text: string,
  recordStart: number,
  recordLine: number,
): never {
  const at = problem.index ?? recordStart;
  const line = recordLine + breaksIn(text, recordStart, Math.max(at, 0));
  const what =
    problem.code === 'MissingQuotes'
      ? 'a quoted field is never closed, expected a closing "'
      : problem.code === 'InvalidQuotes'
        ? 'a quoted field has text after its closing quote, expected a delimiter or a line break (write "" for a quote inside quotes)'
        : `${problem.message.toLowerCase()}, expected well-formed CSV`;
  throw new SampleError(`${fileName}: line ${line}: ${what}`);
}

function breaksIn(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to;) {
    count++;
    i = text.indexOf('\n', i + 1);
  }
  return count;
}

function isBlank(record: string[]): boolean {
  return record.length === 1 && record[0] === '';
}
