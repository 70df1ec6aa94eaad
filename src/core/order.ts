import { ConfigError } from '../errors';
import type { CompiledGenerator } from './generators';

/**
 * Orders generators so each comes after the columns it reads.
 * @throws ConfigError naming a column that reads an unknown name or that is
 *   part of a cycle.
 */
export function evaluationOrder(
  generators: CompiledGenerator[],
  where: string,
  outside: Iterable<string>,
): CompiledGenerator[] {
  const byName = new Map(generators.map((g) => [g.spec.name, g]));
  const known = new Set(outside);
  for (const g of generators) {
    for (const need of g.needs) {
      if (!byName.has(need) && !known.has(need)) {
        throw new ConfigError(
          `${where}.${g.spec.name}: reads "${need}", which is not a column, attribute or aggregate here`,
        );
      }
    }
  }
  const done = new Set<string>();
  const visiting = new Set<string>();
  const out: CompiledGenerator[] = [];
  const visit = (g: CompiledGenerator) => {
    if (done.has(g.spec.name)) return;
    if (visiting.has(g.spec.name)) {
      throw new ConfigError(`${where}.${g.spec.name}: is part of a cycle`);
    }
    visiting.add(g.spec.name);
    for (const need of g.needs) {
      const dep = byName.get(need);
      if (dep && dep !== g) visit(dep);
    }
    visiting.delete(g.spec.name);
    done.add(g.spec.name);
    out.push(g);
  };
  generators.forEach(visit);
  return out;
}
