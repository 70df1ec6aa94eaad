import { NOT_A_NAME, type ColumnInfo } from './kinds';
import { nameGenerator } from './leaves';
import { quoted, ref, type FilePlan, type GeneratorInput } from './plan';

/**
 * A name column whose entities without a person show a stand-in made
 * from another of their columns, such as `840437-No DriverID` from the
 * vehicle: a share of the mock entities get the stand-in, the rest a name.
 */
export interface StandIn {
  /** The attributes that make the column: a flag, a person, the value. */
  attributes: GeneratorInput[];
  /** The flag attribute, 1 for an entity with a stand-in. */
  flag: string;
}

/** Share of stand-ins that must follow the one pattern. */
const FOLLOWS = 0.9;
const FEWEST = 2;

/**
 * Finds stand-ins in a name column: values that are no names and read as
 * another column of the same entity with fixed text before or after it.
 * Other values that are no names (a lone first name) are left out, as
 * the name generator leaves them.
 */
export function findStandIn(
  file: FilePlan,
  name: ColumnInfo,
  group: ColumnInfo[],
): StandIn | undefined {
  const notName = new RegExp(NOT_A_NAME);
  const pairs = new Map<string, number>();
  name.raw.forEach((v, i) => {
    if (v !== '' && notName.test(v) && !pairs.has(v)) pairs.set(v, i);
  });
  const distinct = new Set(name.raw.filter((v) => v !== '')).size;
  if (pairs.size < FEWEST || pairs.size === distinct) return undefined;
  for (const other of group) {
    if (other === name || other.kind === 'name') continue;
    const affix = commonAffix(pairs, other);
    if (!affix) continue;
    const flag = `${name.name}_STAND_IN`;
    const person = `${name.name}_PERSON`;
    const share = affix.count / distinct;
    const made = `${quoted(affix.before)} + ${ref(other.name)} + ${quoted(affix.after)}`;
    return {
      flag,
      attributes: [
        {
          name: flag,
          kind: 'choice',
          type: 'number',
          values: { '1': share, '0': 1 - share },
        },
        { ...nameGenerator(name), name: person, file: file.role },
        {
          name: name.name,
          kind: 'expr',
          expr: `if(${ref(flag)} == 1, ${made}, ${ref(person)})`,
        },
      ],
    };
  }
  return undefined;
}

/** The text around `other`'s value that every stand-in shares. */
function commonAffix(
  pairs: Map<string, number>,
  other: ColumnInfo,
): { before: string; after: string; count: number } | undefined {
  const counts = new Map<string, number>();
  let holding = 0;
  for (const [value, row] of pairs) {
    const inner = other.raw[row];
    const at = inner === '' ? -1 : value.indexOf(inner);
    if (at < 0) continue;
    holding++;
    const key = JSON.stringify([
      value.slice(0, at),
      value.slice(at + inner.length),
    ]);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  if (!best || best[1] < FEWEST || best[1] < FOLLOWS * holding) {
    return undefined;
  }
  const [before, after] = JSON.parse(best[0]) as [string, string];
  return before || after ? { before, after, count: best[1] } : undefined;
}
