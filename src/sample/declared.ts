import type { FileSpec } from '../config/schema';
import { SampleError } from '../errors';
import { sniffSample, type Dialect } from './dialect';
import type { Encoding } from './encoding';

const QUOTING: Record<Dialect['quote'], string> = {
  all: 'every field quoted',
  minimal: 'fields quoted only where needed',
};

/**
 * Decodes a sample and settles the dialect its mock is written in: each
 * field the config's `dialect` gives must match the sample, each it leaves
 * out is the sample's. The config's `newline`, when given, wins without a
 * check, as it always has. `--encoding` wins over `dialect.encoding`.
 * @throws SampleError naming the file, the config key and both values
 *   when the sample is written otherwise than declared, or as
 *   `sniffSample` does.
 */
export function checkDialect(
  input: string | Uint8Array,
  fileName: string,
  spec: FileSpec,
  cliEncoding?: Encoding,
): { text: string; dialect: Dialect; sampleNewline: Dialect['newline'] } {
  const declared = spec.dialect ?? {};
  const where = `config file "${spec.role}"`;
  const sniffed = sniffSample(input, fileName, {
    encoding: cliEncoding ?? declared.encoding,
    encodingSource: cliEncoding
      ? '--encoding'
      : `${where} declares in dialect.encoding`,
  });
  const found = sniffed.dialect;
  const differs = (
    key: string,
    actual: string,
    expected: string,
  ): SampleError =>
    new SampleError(
      `${fileName}: ${actual}, expected ${expected} as ${where} declares in dialect.${key}`,
    );
  // One column splits by any delimiter alike, so nothing contradicts.
  if (
    declared.delimiter &&
    declared.delimiter !== found.delimiter &&
    sniffed.headerWidth > 1
  ) {
    throw differs(
      'delimiter',
      `fields are separated by ${show(found.delimiter)}`,
      show(declared.delimiter),
    );
  }
  if (declared.quote && declared.quote !== found.quote) {
    throw differs('quote', QUOTING[found.quote], QUOTING[declared.quote]);
  }
  if (declared.bom !== undefined && declared.bom !== found.bom) {
    throw differs(
      'bom',
      found.bom ? 'starts with a byte-order mark' : 'has no byte-order mark',
      declared.bom ? 'one' : 'none',
    );
  }
  return {
    text: sniffed.text,
    dialect: {
      ...found,
      delimiter: declared.delimiter ?? found.delimiter,
      newline: spec.newline ?? found.newline,
    },
    sampleNewline: found.newline,
  };
}

function show(delimiter: string): string {
  return delimiter === '\t' ? 'tabs' : `"${delimiter}"`;
}
