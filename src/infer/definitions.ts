import type { GeneratorInput } from './plan';
import type { Row } from '../core/expr';
import type { RelationSpec } from './embedded';
import { upper } from './cross-counts';
import { nameRef } from './typed';
import type { Ratio, Sum } from './within';

/**
 * Expressions for the per-entity columns that the other file's rows do
 * not give directly, in an order the generator can follow: a ratio once
 * its two columns are known, a total once its parts are. A part that is
 * never below a known count (observations, never fewer than incidents) is
 * that count plus a drawn extra, so the mock keeps the floor too.
 */

export interface Definitions {
  defined: Map<string, string>;
  /** Columns defined as a known column plus a drawn extra, and that column. */
  floors: Map<string, string>;
  hidden: GeneratorInput[];
  relations: RelationSpec[];
}

/**
 * Extends `known` (columns already defined, such as counts) with what
 * the sums and ratios imply.
 */
export function defineColumns(
  known: Map<string, string>,
  sums: Sum[],
  ratios: Ratio[],
  rows: Row[],
  name: (base: string) => string,
): Definitions {
  const floors = [...known.keys()];
  const defined = new Map(known);
  const hidden: GeneratorInput[] = [];
  const extras = new Map<string, { floor?: string; extra: string }>();
  for (;;) {
    if (derive(defined, sums, ratios)) continue;
    const open = sums.find(
      (s) => !defined.has(s.total) && s.parts.some((p) => !defined.has(p)),
    );
    if (!open) break;
    for (const part of open.parts.filter((p) => !defined.has(p))) {
      const floor = floorOf(part, floors, rows);
      const extra = name(`EXTRA_${upper(part)}`);
      const ref = nameRef(part);
      hidden.push({
        name: extra,
        kind: 'number',
        type: 'number',
        hidden: true,
        sample: floor ? `${ref} - ${nameRef(floor)}` : ref,
        smooth: false,
      });
      extras.set(part, { floor, extra });
      defined.set(part, floor ? `${nameRef(floor)} + ${extra}` : extra);
    }
  }
  guardDenominators(defined, sums, ratios, rows, extras);
  const lifted = new Map<string, string>();
  extras.forEach((e, part) => e.floor && lifted.set(part, e.floor));
  return {
    defined,
    floors: lifted,
    hidden,
    relations: relationsOf(sums, ratios),
  };
}

/** Defines what sums and ratios give; true if anything was. */
function derive(
  defined: Map<string, string>,
  sums: Sum[],
  ratios: Ratio[],
): boolean {
  let progress = false;
  for (const r of ratios) {
    if (defined.has(r.column)) continue;
    if (!defined.has(r.numerator) || !defined.has(r.denominator)) continue;
    defined.set(r.column, r.expr);
    progress = true;
  }
  for (const s of sums) {
    if (defined.has(s.total) || !s.parts.every((p) => defined.has(p))) continue;
    defined.set(s.total, s.parts.map(nameRef).join(' + '));
    progress = true;
  }
  return progress;
}

/** The known column a part never falls below, closest on average. */
function floorOf(
  part: string,
  floors: string[],
  rows: Row[],
): string | undefined {
  let best: { name: string; gap: number } | undefined;
  for (const floor of floors) {
    let gap = 0;
    const holds = rows.every((row) => {
      const d = (row[part] as number) - (row[floor] as number);
      gap += d;
      return d >= 0;
    });
    if (holds && (!best || gap < best.gap)) best = { name: floor, gap };
  }
  return best?.name;
}

/**
 * A denominator the sample never lets be zero must not be zero in the
 * mock either: the last part of its sum takes at least 1 when the others
 * come to nothing.
 */
function guardDenominators(
  defined: Map<string, string>,
  sums: Sum[],
  ratios: Ratio[],
  rows: Row[],
  extras: Map<string, { floor?: string; extra: string }>,
): void {
  for (const r of ratios) {
    if (rows.some((row) => row[r.denominator] === 0)) continue;
    const sum = sums.find((s) => s.total === r.denominator);
    if (!sum) continue;
    const [first, last] = sum.parts;
    const parts = extras.get(last);
    if (!parts || defined.get(last)?.includes('max(')) continue;
    const floor = parts.floor ? nameRef(parts.floor) : '';
    const others = floor ? `${nameRef(first)} + ${floor}` : nameRef(first);
    const guarded = `max(${parts.extra}, if(${others} == 0, 1, 0))`;
    defined.set(last, floor ? `${floor} + ${guarded}` : guarded);
  }
}

function relationsOf(sums: Sum[], ratios: Ratio[]): RelationSpec[] {
  return [
    ...sums.map((s) => ({
      name: `${s.total} adds up`,
      description: `${s.parts.join(' + ')} = ${s.total}`,
      check: `${s.parts.map(nameRef).join(' + ')} == ${nameRef(s.total)}`,
    })),
    ...ratios.map((r) => ({
      name: `${r.column} is a ratio`,
      description: `${r.column} = ${r.numerator} / ${r.denominator}, rounded as written`,
      check: `${nameRef(r.column)} == ${r.expr}`,
    })),
  ];
}
