import type { FilePlan } from './plan';

/**
 * Drops a file's hidden columns that nothing reads any more, once later
 * steps have replaced the generators that did: a drawn gap behind a
 * column that now copies another file's row.
 */
export function pruneHidden(file: FilePlan): void {
  for (;;) {
    const unread = file.hidden.find((h) => !isRead(file, h.name));
    if (!unread) return;
    file.hidden = file.hidden.filter((h) => h !== unread);
  }
}

function isRead(file: FilePlan, name: string): boolean {
  const others = JSON.stringify([
    [...file.generators.values()],
    file.hidden.filter((h) => h.name !== name),
    file.aggregates,
    file.markers,
    file.relations,
  ]);
  const word = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_$])${word}($|[^A-Za-z0-9_$])`).test(others);
}
