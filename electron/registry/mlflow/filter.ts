import { invalid } from './input';

/**
 * MLflow's registry search filters: clauses joined by AND, each
 * `<key> <op> <value>`, such as `name LIKE 'churn%'`, `name = 'churn'`,
 * `run_id IN ('a', 'b')` or `tags.team = 'risk'`. Keys are attributes or
 * `tags.<key>` (backquoted when it has other characters). The registry is
 * small, so clauses are checked in memory.
 */
export interface Clause {
  key: string;
  /** True for `tags.<key>`. */
  tag: boolean;
  op: '=' | '!=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN' | '<' | '<=' | '>' | '>=';
  values: (string | number)[];
}

const TOKEN = /\s*(?:(`(?:[^`])*`)|('(?:[^'\\]|\\.|'')*')|("(?:[^"\\]|\\.)*")|(!=|<=|>=|=|<|>|\(|\)|,)|([A-Za-z_][A-Za-z0-9_]*(?:\.(?:[A-Za-z0-9_]+|`[^`]*`))*)|(-?\d+(?:\.\d+)?))/y;

function tokens(filter: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < filter.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(filter);
    if (!match) {
      if (filter.slice(start).trim() === '') break;
      throw invalid('filter', `Invalid filter "${filter}": unexpected text at "${filter.slice(start).trim().slice(0, 20)}".`);
    }
    out.push(match[0].trim());
  }
  return out;
}

function unquote(token: string): string {
  const quote = token[0];
  const body = token.slice(1, -1);
  return quote === "'" ? body.replace(/''/g, "'").replace(/\\(.)/g, '$1') : body.replace(/\\(.)/g, '$1');
}

function value(token: string | undefined, filter: string): string | number {
  if (token === undefined) throw invalid('filter', `Invalid filter "${filter}": a comparison is missing its value.`);
  if (token.startsWith("'") || token.startsWith('"')) return unquote(token);
  if (/^-?\d/.test(token)) return Number(token);
  throw invalid('filter', `Invalid filter "${filter}": "${token}" is not a value; put strings in single quotes.`);
}

export function parseFilter(filter: string | undefined, attributes: readonly string[]): Clause[] {
  const text = (filter ?? '').trim();
  if (text === '') return [];
  const list = tokens(text);
  const clauses: Clause[] = [];
  let at = 0;
  for (;;) {
    const keyToken = list[at++];
    if (keyToken === undefined) throw invalid('filter', `Invalid filter "${text}": it ends after AND.`);
    const tagMatch = /^tags\.(?:`(.*)`|(.+))$/.exec(keyToken);
    const key = tagMatch ? (tagMatch[1] ?? tagMatch[2] ?? '') : keyToken.replace(/^attributes?\./, '');
    if (!tagMatch && !attributes.includes(key)) {
      throw invalid('filter', `Invalid filter "${text}": "${keyToken}" is not searchable here; use ${[...attributes, 'tags.<key>'].join(', ')}.`);
    }
    let op = (list[at++] ?? '').toUpperCase();
    if (op === 'NOT' && (list[at] ?? '').toUpperCase() === 'IN') {
      at += 1;
      op = 'NOT IN';
    }
    if (!['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN', '<', '<=', '>', '>='].includes(op)) {
      throw invalid('filter', `Invalid filter "${text}": "${op}" is not a comparison; use =, !=, LIKE, ILIKE, IN or NOT IN.`);
    }
    const values: (string | number)[] = [];
    if (op === 'IN' || op === 'NOT IN') {
      if (list[at++] !== '(') throw invalid('filter', `Invalid filter "${text}": IN takes a list in parentheses, ('a', 'b').`);
      for (;;) {
        values.push(value(list[at++], text));
        const next = list[at++];
        if (next === ')') break;
        if (next !== ',') throw invalid('filter', `Invalid filter "${text}": the IN list is not closed.`);
      }
    } else {
      values.push(value(list[at++], text));
    }
    clauses.push({ key, tag: tagMatch !== null, op: op as Clause['op'], values });
    if (at >= list.length) return clauses;
    if ((list[at++] ?? '').toUpperCase() !== 'AND') throw invalid('filter', `Invalid filter "${text}": join comparisons with AND (OR is not supported by MLflow's registry search).`);
  }
}

function likePattern(pattern: string, flags: string): RegExp {
  const body = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${body}$`, `s${flags}`);
}

/** Whether a record passes every clause; `lookup` gives an attribute's or a tag's value (undefined when absent). */
export function passes(clauses: readonly Clause[], lookup: (key: string, tag: boolean) => string | number | undefined): boolean {
  return clauses.every((clause) => {
    const actual = lookup(clause.key, clause.tag);
    if (actual === undefined) return clause.op === '!=' || clause.op === 'NOT IN';
    const first = clause.values[0] ?? '';
    switch (clause.op) {
      case '=':
        return String(actual) === String(first);
      case '!=':
        return String(actual) !== String(first);
      case 'LIKE':
        return likePattern(String(first), '').test(String(actual));
      case 'ILIKE':
        return likePattern(String(first), 'i').test(String(actual));
      case 'IN':
        return clause.values.some((item) => String(item) === String(actual));
      case 'NOT IN':
        return clause.values.every((item) => String(item) !== String(actual));
      default: {
        const [a, b] = [Number(actual), Number(first)];
        if (clause.op === '<') return a < b;
        if (clause.op === '<=') return a <= b;
        if (clause.op === '>') return a > b;
        return a >= b;
      }
    }
  });
}

/** `order_by` terms (`name`, `last_updated_timestamp DESC`), checked against the sortable keys. */
export function parseOrderBy(terms: readonly string[], keys: readonly string[]): { key: string; descending: boolean }[] {
  return terms.map((term) => {
    const match = /^\s*([A-Za-z_.]+)\s*(ASC|DESC)?\s*$/i.exec(term);
    const key = match?.[1]?.replace(/^attributes?\./, '') ?? '';
    if (!match || !keys.includes(key)) throw invalid('order_by', `Invalid order_by "${term}": use one of ${keys.join(', ')}, then ASC or DESC.`);
    return { key: key === 'timestamp' ? 'last_updated_timestamp' : key, descending: (match[2] ?? '').toUpperCase() === 'DESC' };
  });
}
