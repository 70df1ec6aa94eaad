import type { EntityGuess } from './entities';
import type { ColumnInfo } from './kinds';
import { valueFields } from './fields';
import { nameGenerator } from './leaves';
import {
  columnOf,
  ref,
  type EntityPlan,
  type FilePlan,
  type GeneratorInput,
  type Taken,
} from './plan';
import { codeExpr, findNameCode } from './codes';
import { extent } from './extent';
import { findStandIn } from './stand-ins';

/** Identifiers longer than this are drawn as text by the column. */
const MAX_ID_DIGITS = 15;

/**
 * Turns the columns that follow a file's entity into its attributes: the
 * key and its one-to-one partners become fresh identifiers or names, the
 * per-entity settings one joint draw of the sample's combinations. The
 * file's columns then read them.
 */
export function applyEntity(
  file: FilePlan,
  entity: EntityPlan,
  guess: EntityGuess,
  taken: Taken,
): void {
  const group = [guess.key, ...guess.identity].map((n) => columnOf(file, n));
  // Names first, so that codes made from them know their stand-ins.
  const ordered = [...group].sort(
    (a, b) => Number(b.kind === 'name') - Number(a.kind === 'name'),
  );
  const standIns = new Map<string, string>();
  const attributes = new Map<string, GeneratorInput[]>();
  for (const c of ordered) {
    const standIn = c.kind === 'name' && findStandIn(file, c, group);
    if (standIn) standIns.set(c.name, standIn.flag);
    const made = standIn
      ? standIn.attributes
      : [
          nameCodeAttribute(file, c, group, standIns) ?? {
            ...identityAttribute(c),
            file: file.role,
          },
        ];
    attributes.set(c.name, made);
    file.generators.set(c.name, { ...valueFields(c), kind: 'entity' });
    taken.add(c.name);
  }
  for (const c of group) entity.attributes.push(...attributes.get(c.name)!);
  applyConstants(file, entity, guess.constants, taken);
}

/**
 * Columns constant per entity (its settings) become one joint draw of the
 * sample's combinations. A category that names the entity (a colour, a
 * depot) joins that draw: drawn apart, it would pair with settings the
 * sample never gives it.
 */
function applyConstants(
  file: FilePlan,
  entity: EntityPlan,
  constants: string[],
  taken: Taken,
): void {
  if (constants.length === 0) return;
  const own = entity.attributes.filter(
    (a) => a.kind === 'choice' && a.sample === ref(a.name) && !a.where,
  );
  const drawn = [...own.map((a) => a.name), ...constants];
  if (drawn.length === 1) {
    const c = columnOf(file, drawn[0]);
    entity.attributes.push({
      ...valueFields(c),
      kind: 'choice',
      sample: ref(c.name),
      file: file.role,
    });
    file.generators.set(c.name, { ...valueFields(c), kind: 'entity' });
    taken.add(c.name);
    return;
  }

  const names = new Set(entity.attributes.map((a) => a.name));
  let joint = 'SETTINGS';
  for (let n = 2; names.has(joint) || file.table.header.includes(joint); n++) {
    joint = `SETTINGS_${n}`;
  }
  const draw: GeneratorInput = {
    name: joint,
    kind: 'choice',
    sample: Object.fromEntries(drawn.map((n) => [n, ref(n)])),
    file: file.role,
  };
  // The entity's own categories stay its attributes, read from the draw,
  // so that whatever reads them by name still finds them.
  for (const a of own) {
    const at = entity.attributes.indexOf(a);
    entity.attributes[at] = {
      ...valueFields(columnOf(file, a.name)),
      kind: 'expr',
      expr: `${joint}.${ref(a.name)}`,
    };
  }
  const before = own.length
    ? entity.attributes.findIndex((a) => a.name === own[0].name)
    : entity.attributes.length;
  entity.attributes.splice(before, 0, draw);
  for (const name of constants) {
    const c = columnOf(file, name);
    file.generators.set(name, {
      ...valueFields(c),
      kind: 'expr',
      expr: `${joint}.${ref(name)}`,
    });
    taken.add(name);
  }
}

/**
 * A code made from a name of the same entity (a driver id from the
 * driver's name) is made so in the mock too, and checked on every row.
 */
function nameCodeAttribute(
  file: FilePlan,
  c: ColumnInfo,
  group: ColumnInfo[],
  standIns: Map<string, string>,
): GeneratorInput | undefined {
  if (c.kind !== 'text' && c.kind !== 'category') return undefined;
  for (const name of group.filter((g) => g.kind === 'name')) {
    const code = findNameCode(name.raw, c.raw);
    if (!code) continue;
    const made = codeExpr(code, name.name);
    const flag = standIns.get(name.name);
    const expr = flag ? `if(${ref(flag)} == 1, '', ${made})` : made;
    file.relations.push({
      name: `${c.name} is made from ${name.name}`,
      description: `${c.name} = ${made}${code.suffixed ? ', with a two-digit suffix where codes clash' : ''}`,
      check: `len(${ref(c.name)}) == 0 || starts_with(${ref(c.name)}, ${made})`,
    });
    return {
      name: c.name,
      kind: 'expr',
      expr,
      ...(code.suffixed ? { distinct: true } : {}),
    };
  }
  return undefined;
}

function identityAttribute(c: ColumnInfo): GeneratorInput {
  if (c.kind === 'name') return nameGenerator(c);
  const shape = idShape(c);
  if (shape) {
    return {
      name: c.name,
      kind: 'identifier',
      digits: shape.digits,
      ...(shape.prefix ? { prefix: shape.prefix } : {}),
      avoid: ref(c.name),
    };
  }
  return { ...valueFields(c), kind: 'choice', sample: ref(c.name) };
}

/** Digit counts of whole-number or prefixed-digit identifiers. */
function idShape(
  c: ColumnInfo,
): { digits: [number, number]; prefix: string } | undefined {
  if (c.kind === 'identifier' && c.identifier && !c.identifier.parts) {
    const { digits, prefix } = c.identifier;
    return digits[1] <= MAX_ID_DIGITS ? { digits, prefix } : undefined;
  }
  if (c.type !== 'number' || c.decimals || c.placeholders.length)
    return undefined;
  const filled = c.raw.filter((v) => v !== '');
  if (!filled.every((v) => /^[1-9]\d*$/.test(v))) return undefined;
  const lengths = filled.map((v) => v.length);
  const digits = extent(lengths);
  return digits[1] <= MAX_ID_DIGITS ? { digits, prefix: '' } : undefined;
}
