import type { ColumnInfo, IdentifierShape } from './kinds';
import { looksLikeNames, NOT_A_NAME } from './kinds';
import { valueFields } from './fields';
import { textWithGaps, withGaps } from './gaps';
import {
  freshName,
  ref,
  referable,
  type FilePlan,
  type GeneratorInput,
  type Taken,
} from './plan';

/** Digits one rand_int can give without losing any. */
const SAFE_DIGITS = 15;

/**
 * The generator for a column that depends on no other: numbers from the
 * sample's distribution, categories and text by frequency, names
 * recombined, identifiers as fresh digits in the sample's shape.
 */
export function leafGenerator(file: FilePlan, c: ColumnInfo): GeneratorInput {
  if (!referable(c.name)) return valuesChoice(c);
  switch (c.kind) {
    case 'integer':
    case 'decimal':
    case 'datetime':
      // A date-time no step has taken keeps the sample's own dates.
      return withGaps(file, c, {
        ...valueFields(c),
        kind: 'number',
        sample: ref(c.name),
      });
    case 'name':
      return nameGenerator(c);
    case 'identifier':
      return identifierTemplate(file, c, c.identifier);
    case 'text':
      return (
        textWithGaps(file, c) ?? {
          ...valueFields(c),
          kind: 'choice',
          sample: ref(c.name),
        }
      );
    default:
      return { ...valueFields(c), kind: 'choice', sample: ref(c.name) };
  }
}

/** The sample's values and their counts, for a column no expression names. */
function valuesChoice(c: ColumnInfo): GeneratorInput {
  const counts: Record<string, number> = {};
  for (const v of c.raw) counts[v] = (counts[v] ?? 0) + 1;
  return { name: c.name, kind: 'choice', values: counts };
}

/** A person-name generator, leaving out values that are not names. */
export function nameGenerator(c: ColumnInfo): GeneratorInput {
  const filled = c.raw.filter((v) => v !== '');
  const allNames = looksLikeNames(filled) && !filled.some((v) => !isName(v));
  return {
    name: c.name,
    kind: 'name',
    sample: ref(c.name),
    ...(allNames ? {} : { exclude: NOT_A_NAME }),
  };
}

function isName(v: string): boolean {
  return !new RegExp(NOT_A_NAME).test(v);
}

/** Fresh digits in the shape of the sample's identifiers. */
function identifierTemplate(
  file: FilePlan,
  c: ColumnInfo,
  shape: IdentifierShape | undefined,
): GeneratorInput {
  if (!shape) return { ...valueFields(c), kind: 'choice', sample: ref(c.name) };
  if (shape.parts) {
    const template = shape.parts
      .map((p) =>
        typeof p === 'number' ? digits(p) : p.replace(/\$\{/g, "${'${'}"),
      )
      .join('');
    return { name: c.name, kind: 'template', template };
  }
  const [fewest, most] = shape.digits;
  if (fewest === most) {
    return {
      name: c.name,
      kind: 'template',
      template: shape.prefix + digits(most),
    };
  }
  const lengthName = freshName(file, `${c.name}_DIGITS`);
  file.hidden.push({
    name: lengthName,
    kind: 'choice',
    type: 'number',
    hidden: true,
    sample: `len(${ref(c.name)}) - ${shape.prefix.length}`,
    where: `len(${ref(c.name)}) > 0`,
  });
  return {
    name: c.name,
    kind: 'template',
    template: `${shape.prefix}\${substr(${digitsExpr(most)}, 0, ${ref(lengthName)})}`,
  };
}

/** A template part of `n` random digits. */
function digits(n: number): string {
  return `\${${digitsExpr(n)}}`;
}

function digitsExpr(n: number): string {
  const chunks: string[] = [];
  for (let left = n; left > 0; left -= SAFE_DIGITS) {
    const width = Math.min(left, SAFE_DIGITS);
    chunks.push(`pad(rand_int(0, ${'9'.repeat(width)}), ${width})`);
  }
  return chunks.join(' + ');
}

/** Gives a generator to every column no step has taken. */
export function fillLeaves(
  file: FilePlan,
  leaf: (c: ColumnInfo) => GeneratorInput,
  taken: Taken,
): void {
  for (const c of file.columns) {
    if (taken.has(c.name)) continue;
    file.generators.set(c.name, leaf(c));
    taken.add(c.name);
  }
}
