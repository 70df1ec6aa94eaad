import { applyCarries } from './apply-carries';
import { applySums } from './apply-sums';
import { applyTimes } from './apply-times';
import { applyEntity } from './attributes';
import type { EntityGuess } from './entities';
import { fillLeaves, leafGenerator } from './leaves';
import { headOf } from './analyse';
import type { ColumnInfo } from './kinds';
import { columnOf, type EntityPlan, type FilePlan, type Taken } from './plan';
import {
  findCarries,
  findOrder,
  findSequences,
  findSums,
  type OrderRelation,
} from './relations';
import { planTimes } from './time';

/**
 * Chooses every column's generator for the primary file: the entity's
 * attributes, carried columns, counters, sums, date-times, and plain
 * draws for the rest; then the order the rows are written in.
 */
export function planPrimary(
  file: FilePlan,
  entity: EntityPlan,
  guess: EntityGuess | undefined,
): void {
  const taken: Taken = new Set();
  const head = headOf(file.columns);
  if (guess) applyEntity(file, entity, guess, taken);
  const carries = guess
    ? findCarries(
        head,
        head.find((c) => c.name === guess.key)!,
      ).filter((c) => !taken.has(c.target))
    : [];
  applyCarries(file, carries, taken);
  const sequences = applySequences(file, head, taken);
  applySums(file, findSums(head), taken);
  const order = findOrder(head);
  const times = planTimes(head, new Set(carries.map((c) => c.target)));
  applyTimes(file, times, order?.by, taken);
  fillLeaves(file, (c) => leafGenerator(file, c), taken);
  const monotone = new Set([
    ...times.drawn,
    ...times.following.map((f) => f.column),
  ]);
  if (order && monotone.has(order.by) && !sequences.has(order.by)) {
    file.order = orderOf(order);
  }
}

/**
 * Chooses the generators of a file with one row per entity and day: the
 * entity's attributes where it shares them, sums, date-times and plain
 * draws; its rows are sorted as the sample's are.
 */
export function planPerEntityDay(
  file: FilePlan,
  entity: EntityPlan,
  guess: EntityGuess | undefined,
): void {
  const taken: Taken = new Set();
  if (guess) applyEntity(file, entity, guess, taken);
  for (const a of entity.attributes) {
    if (taken.has(a.name) || !file.table.header.includes(a.name)) continue;
    const c = columnOf(file, a.name);
    file.generators.set(a.name, {
      name: a.name,
      ...(c.type === 'text' ? {} : { type: c.type }),
      kind: 'entity',
    });
    taken.add(a.name);
  }
  const head = headOf(file.columns);
  applySums(file, findSums(head), taken);
  applyTimes(file, planTimes(head, new Set()), undefined, taken);
  fillLeaves(file, (c) => leafGenerator(file, c), taken);
  const order = findOrder(head);
  if (order) file.order = orderOf(order);
}

function orderOf(order: OrderRelation) {
  return order.descending
    ? { by: order.by, descending: true }
    : { by: order.by };
}

/** Counters in written order; returns their names. */
function applySequences(
  file: FilePlan,
  head: ColumnInfo[],
  taken: Taken,
): Set<string> {
  const names = new Set<string>();
  for (const { column, every } of findSequences(head)) {
    if (taken.has(column)) continue;
    file.generators.set(column, {
      name: column,
      type: 'number',
      kind: 'sequence',
      start: 'sample',
      ...(every > 1 ? { every } : {}),
    });
    taken.add(column);
    names.add(column);
  }
  return names;
}
