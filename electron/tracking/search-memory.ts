import type { Clause, Entity, OrderTerm } from './search-filter';

/**
 * The same grammar evaluated in memory, for the few things searched that way
 * (experiments, logged models: tens, not thousands, of rows).
 */
export type Lookup = (entity: Entity, key: string) => string | number | undefined;

const likeRegex = new Map<string, RegExp>();
function like(value: string, pattern: string, ignoreCase: boolean): boolean {
  const cacheKey = `${ignoreCase ? 'i' : 's'}${pattern}`;
  let regex = likeRegex.get(cacheKey);
  if (!regex) {
    // Code points are enough here: % and _ are ASCII, and anything else is matched literally.
    // eslint-disable-next-line @typescript-eslint/no-misused-spread
    const source = [...pattern].map((ch) => (ch === '%' ? '.*' : ch === '_' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
    regex = new RegExp(`^${source}$`, ignoreCase ? 'isu' : 'su');
    likeRegex.set(cacheKey, regex);
  }
  return regex.test(value);
}

export function matches(clause: Clause, lookup: Lookup): boolean {
  const actual = lookup(clause.entity, clause.key);
  if (clause.op === 'IS NULL') return actual === undefined;
  if (clause.op === 'IS NOT NULL') return actual !== undefined;
  if (actual === undefined) return false;
  const expected = clause.value;
  switch (clause.op) {
    case 'LIKE':
      return like(String(actual), String(expected), false);
    case 'ILIKE':
      return like(String(actual), String(expected), true);
    case 'IN':
      return (expected as string[]).includes(String(actual));
    case 'NOT IN':
      return !(expected as string[]).includes(String(actual));
    default: {
      const numeric = typeof expected === 'number';
      const left = numeric ? Number(actual) : String(actual);
      const right = numeric ? expected : String(expected);
      if (numeric && Number.isNaN(left)) return false;
      switch (clause.op) {
        case '=':
          return left === right;
        case '!=':
          return left !== right;
        case '<':
          return left < right;
        case '<=':
          return left <= right;
        case '>':
          return left > right;
        default:
          return left >= right;
      }
    }
  }
}

/** Sorts by the terms (missing values last), then by `tiebreak`. */
export function sortBy<T>(items: T[], terms: readonly OrderTerm[], lookup: (item: T) => Lookup, tiebreak: (a: T, b: T) => number): T[] {
  return items.sort((a, b) => {
    for (const term of terms) {
      const left = lookup(a)(term.entity, term.key);
      const right = lookup(b)(term.entity, term.key);
      if (left === right) continue;
      if (left === undefined) return 1;
      if (right === undefined) return -1;
      const order = left < right ? -1 : 1;
      return term.ascending ? order : -order;
    }
    return tiebreak(a, b);
  });
}
