import { valueFields } from './fields';
import type { ColumnInfo } from './kinds';
import {
  freshName,
  quoted,
  ref,
  type FilePlan,
  type GeneratorInput,
} from './plan';

/** A hidden choice deciding where a file's columns have no value. */
interface Gap {
  name: string;
  /** The texts that stand for none, the empty one included. */
  texts: Set<string>;
  /** Per row, the text standing for none there, or '~' for a value. */
  signature: string;
}

/** The gap choices each file has, so columns missing together share one. */
const gapsOf = new WeakMap<FilePlan, Gap[]>();

const VALUE = '~';

function signatureOf(c: ColumnInfo, texts: Set<string>): string {
  return c.raw.map((v) => (texts.has(v) ? v : VALUE)).join('\u0001');
}

/**
 * Wraps a value generator so that the column is empty or a placeholder as
 * often as in the sample: the value moves to a hidden column and a hidden
 * choice decides, row by row, whether it is written. Columns empty on the
 * same sample rows share that choice, so they are empty together.
 */
export function withGaps(
  file: FilePlan,
  c: ColumnInfo,
  value: GeneratorInput,
): GeneratorInput {
  const gapShare = c.emptyShare + c.placeholderShare;
  if (gapShare === 0) return value;
  const texts = new Set(['', ...c.placeholders]);
  const signature = signatureOf(c, texts);
  const gaps = gapsOf.get(file) ?? [];
  gapsOf.set(file, gaps);
  let gap = gaps.find((g) => g.signature === signature);
  if (!gap) {
    gap = { name: freshName(file, `${c.name}_GAP`), texts, signature };
    gaps.push(gap);
    const weights: Record<string, number> = { [VALUE]: 1 - gapShare };
    for (const t of texts) {
      const share = c.raw.filter((v) => v === t).length / c.raw.length;
      if (share > 0) weights[t] = share;
    }
    file.hidden.push({
      name: gap.name,
      kind: 'choice',
      hidden: true,
      values: weights,
    });
  }
  const valueName = freshName(file, `${c.name}_VALUE`);
  file.hidden.push({ ...value, name: valueName, hidden: true });
  return {
    ...valueFields(c),
    kind: 'expr',
    expr: `if(${ref(gap.name)} == '${VALUE}', ${ref(valueName)}, ${ref(gap.name)})`,
  };
}

/**
 * A text column missing on exactly the rows where a number or date-time
 * column is (a worst incident's place when there is no incident) draws
 * its value only where that column has one.
 */
export function textWithGaps(
  file: FilePlan,
  c: ColumnInfo,
): GeneratorInput | undefined {
  const gap = (gapsOf.get(file) ?? []).find(
    (g) => signatureOf(c, g.texts) === g.signature,
  );
  if (!gap) return undefined;
  const value = ref(c.name);
  const present = [...gap.texts]
    .map((t) => (t === '' ? `len(${value}) > 0` : `${value} != ${quoted(t)}`))
    .join(' && ');
  const valueName = freshName(file, `${c.name}_VALUE`);
  file.hidden.push({
    name: valueName,
    kind: 'choice',
    hidden: true,
    sample: value,
    where: present,
  });
  return {
    name: c.name,
    kind: 'expr',
    expr: `if(${ref(gap.name)} == '${VALUE}', ${ref(valueName)}, ${ref(gap.name)})`,
  };
}
