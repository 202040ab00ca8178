/**
 * MLflow's search grammar: `metrics.auc > 0.8 and params.lr = '0.01' and tags.`my key` LIKE 'a%'`,
 * and order_by terms such as `metrics.auc DESC`. Hand-written because no npm
 * package parses MLflow's dialect (MLflow itself bends sqlparse to it); it is
 * small: clauses joined by AND, each an identifier, an operator and a literal.
 */
import { invalid } from './validation';

export type Entity = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';
export type Comparator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE' | 'IN' | 'NOT IN' | 'IS NULL' | 'IS NOT NULL';

export interface Clause {
  entity: Entity;
  key: string;
  op: Comparator;
  value: string | number | string[] | null;
}

export interface OrderTerm {
  entity: Exclude<Entity, 'dataset'>;
  key: string;
  ascending: boolean;
}

export type AttributeKind = 'number' | 'string';

/** What a search may name: which entities, and which attributes with their kinds (aliases map to a canonical name). */
export interface Vocabulary {
  entities: readonly Entity[];
  attributes: Readonly<Record<string, AttributeKind>>;
  aliases?: Readonly<Record<string, string>>;
}

export const RUN_VOCABULARY: Vocabulary = {
  entities: ['metric', 'param', 'tag', 'attribute', 'dataset'],
  attributes: { run_id: 'string', run_name: 'string', status: 'string', user_id: 'string', artifact_uri: 'string', lifecycle_stage: 'string', start_time: 'number', end_time: 'number' },
  aliases: { created: 'start_time', 'run name': 'run_name', run_uuid: 'run_id' },
};

const ENTITY_PREFIXES: Record<string, Entity> = {
  metric: 'metric', metrics: 'metric',
  param: 'param', params: 'param', parameter: 'param', parameters: 'param',
  tag: 'tag', tags: 'tag',
  attribute: 'attribute', attributes: 'attribute', attr: 'attribute', run: 'attribute',
  dataset: 'dataset', datasets: 'dataset',
};
const DATASET_FIELDS = new Set(['name', 'digest', 'context']);
const NUMBER_OPS = new Set<Comparator>(['=', '!=', '<', '<=', '>', '>=']);
const STRING_OPS = new Set<Comparator>(['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN']);

class Scanner {
  pos = 0;
  constructor(readonly text: string, readonly field: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos++;
  }
  done(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }
  fail(expected: string): never {
    const near = this.text.slice(this.pos, this.pos + 20);
    throw invalid(this.field, `expected ${expected} at character ${this.pos + 1}${near ? ` (near "${near}")` : ' (at the end)'}.`);
  }
  /** A keyword, case-insensitive, followed by a word boundary. */
  keyword(word: string): boolean {
    this.skipSpace();
    const slice = this.text.slice(this.pos, this.pos + word.length);
    if (slice.toUpperCase() !== word || /[\w]/.test(this.text[this.pos + word.length] ?? '')) return false;
    this.pos += word.length;
    return true;
  }
  symbol(symbol: string): boolean {
    this.skipSpace();
    if (!this.text.startsWith(symbol, this.pos)) return false;
    this.pos += symbol.length;
    return true;
  }
  /** `'...'` or `"..."` (a doubled quote or a backslash escapes one), or a backticked name. */
  quoted(quotes: string): string | undefined {
    this.skipSpace();
    const quote = this.text[this.pos];
    if (quote === undefined || !quotes.includes(quote)) return undefined;
    let out = '';
    for (let i = this.pos + 1; i < this.text.length; i++) {
      const ch = this.text[i];
      if (ch === '\\' && i + 1 < this.text.length) {
        out += this.text[++i] ?? '';
      } else if (ch === quote) {
        if (this.text[i + 1] === quote) {
          out += quote;
          i++;
        } else {
          this.pos = i + 1;
          return out;
        }
      } else out += ch ?? '';
    }
    return this.fail(`a closing ${quote}`);
  }
  bareWord(): string | undefined {
    this.skipSpace();
    const match = /^[A-Za-z_][\w.:/-]*/.exec(this.text.slice(this.pos));
    if (!match) return undefined;
    this.pos += match[0].length;
    return match[0];
  }
  number(): number | undefined {
    this.skipSpace();
    const match = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(this.text.slice(this.pos));
    if (!match) return undefined;
    this.pos += match[0].length;
    return Number(match[0]);
  }
}

/** `entity.key`, `` entity.`key` ``, `entity."key"`, or a bare attribute name. */
function identifier(scanner: Scanner, vocabulary: Vocabulary): { entity: Entity; key: string } {
  const quotedAlone = scanner.quoted('`"');
  if (quotedAlone !== undefined) return attribute(scanner, vocabulary, quotedAlone);
  const start = scanner.pos;
  const word = scanner.bareWord() ?? scanner.fail('a name such as metrics.auc, params.lr, tags.x or attributes.status');
  const dot = word.indexOf('.');
  const prefix = dot < 0 ? word : word.slice(0, dot);
  const entity = ENTITY_PREFIXES[prefix.toLowerCase()];
  if (entity === undefined || (dot < 0 && scanner.text[scanner.pos] !== '.')) {
    if (dot >= 0) {
      scanner.pos = start;
      scanner.fail(`one of ${vocabulary.entities.map((e) => `${e}s.`).join(', ')} before the name`);
    }
    return attribute(scanner, vocabulary, word);
  }
  if (!vocabulary.entities.includes(entity)) {
    scanner.pos = start;
    scanner.fail(`one of ${vocabulary.entities.map((e) => `${e}s.`).join(', ')} (this search has no ${prefix})`);
  }
  let key = dot < 0 ? '' : word.slice(dot + 1);
  if (key === '') {
    if (dot < 0) scanner.symbol('.');
    key = scanner.quoted('`"') ?? scanner.fail(`a name after "${prefix}."`);
  }
  if (entity === 'attribute') return attribute(scanner, vocabulary, key);
  if (entity === 'dataset' && !DATASET_FIELDS.has(key)) scanner.fail('datasets.name, datasets.digest or datasets.context');
  return { entity, key };
}

function attribute(scanner: Scanner, vocabulary: Vocabulary, name: string): { entity: Entity; key: string } {
  const canonical = vocabulary.aliases?.[name.toLowerCase()] ?? name;
  if (!(canonical in vocabulary.attributes)) {
    throw invalid(scanner.field, `"${name}" is not a searchable attribute; use one of ${Object.keys(vocabulary.attributes).join(', ')}, or prefix metrics., params. or tags.`);
  }
  return { entity: 'attribute', key: canonical };
}

function comparator(scanner: Scanner): Comparator {
  for (const symbol of ['!=', '<>', '<=', '>=', '=', '<', '>'] as const) {
    if (scanner.symbol(symbol)) return symbol === '<>' ? '!=' : symbol;
  }
  if (scanner.keyword('LIKE')) return 'LIKE';
  if (scanner.keyword('ILIKE')) return 'ILIKE';
  if (scanner.keyword('IN')) return 'IN';
  if (scanner.keyword('NOT')) return scanner.keyword('IN') ? 'NOT IN' : scanner.fail('IN after NOT');
  if (scanner.keyword('IS')) {
    const not = scanner.keyword('NOT');
    return scanner.keyword('NULL') ? (not ? 'IS NOT NULL' : 'IS NULL') : scanner.fail('NULL after IS');
  }
  return scanner.fail('an operator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN)');
}

function literal(scanner: Scanner): string | number {
  const text = scanner.quoted(`'"`);
  if (text !== undefined) return text;
  return scanner.number() ?? scanner.fail('a quoted string or a number');
}

function list(scanner: Scanner): string[] {
  if (!scanner.symbol('(')) scanner.fail('a parenthesised list such as (\'a\', \'b\')');
  const values: string[] = [];
  do {
    const value = literal(scanner);
    values.push(String(value));
  } while (scanner.symbol(','));
  if (!scanner.symbol(')')) scanner.fail(') to close the list');
  return values;
}

function kindOf(clause: { entity: Entity; key: string }, vocabulary: Vocabulary): AttributeKind {
  if (clause.entity === 'metric') return 'number';
  if (clause.entity === 'attribute') return vocabulary.attributes[clause.key] ?? 'string';
  return 'string';
}

function check(scanner: Scanner, clause: Clause, vocabulary: Vocabulary): Clause {
  const where = `${clause.entity === 'attribute' ? 'attributes' : `${clause.entity}s`}.${clause.key}`;
  if (clause.op === 'IS NULL' || clause.op === 'IS NOT NULL') {
    if (clause.entity === 'attribute' && clause.key !== 'end_time') throw invalid(scanner.field, `${where} is always set; IS NULL applies to metrics, params, tags and end_time.`);
    return clause;
  }
  const kind = kindOf(clause, vocabulary);
  if (kind === 'number') {
    if (!NUMBER_OPS.has(clause.op)) throw invalid(scanner.field, `${where} is a number: compare it with =, !=, <, <=, > or >=, not ${clause.op}.`);
    if (typeof clause.value !== 'number') throw invalid(scanner.field, `${where} is a number: compare it with a number, not ${JSON.stringify(clause.value)}.`);
    return clause;
  }
  // Params and tags are strings; comparing one with a number (`params.lr < 0.1`) compares numerically, an extension of MLflow's grammar.
  if (!STRING_OPS.has(clause.op) && !(typeof clause.value === 'number' && clause.entity !== 'attribute' && clause.entity !== 'dataset')) {
    throw invalid(scanner.field, `${where} is a string: compare it with =, !=, LIKE, ILIKE, IN or NOT IN, not ${clause.op}.`);
  }
  if ((clause.op === 'LIKE' || clause.op === 'ILIKE') && typeof clause.value !== 'string') {
    throw invalid(scanner.field, `${clause.op} on ${where} needs a quoted pattern such as '%adam%'.`);
  }
  if (typeof clause.value === 'number' && (clause.op === '=' || clause.op === '!=')) return { ...clause, value: String(clause.value) };
  return clause;
}

/** Parses a filter into clauses that all must hold; an empty filter matches everything. */
export function parseFilter(text: string, vocabulary: Vocabulary = RUN_VOCABULARY, field = 'filter'): Clause[] {
  const scanner = new Scanner(text, field);
  const clauses: Clause[] = [];
  if (scanner.done()) return clauses;
  do {
    const { entity, key } = identifier(scanner, vocabulary);
    const op = comparator(scanner);
    const value = op === 'IS NULL' || op === 'IS NOT NULL' ? null : op === 'IN' || op === 'NOT IN' ? list(scanner) : literal(scanner);
    clauses.push(check(scanner, { entity, key, op, value }, vocabulary));
    if (scanner.keyword('OR')) throw invalid(field, 'OR is not supported (as in MLflow): join clauses with AND, or run two searches.');
  } while (scanner.keyword('AND'));
  if (!scanner.done()) scanner.fail('AND or the end of the filter');
  return clauses;
}

/** One order_by term: `metrics.auc DESC`, `params.lr`, `attributes.start_time ASC`, `start_time`. */
export function parseOrderBy(text: string, vocabulary: Vocabulary = RUN_VOCABULARY, field = 'order_by'): OrderTerm {
  const scanner = new Scanner(text, field);
  const { entity, key } = identifier(scanner, vocabulary);
  if (entity === 'dataset') throw invalid(field, 'runs cannot be ordered by a dataset field.');
  const descending = scanner.keyword('DESC');
  if (!descending) scanner.keyword('ASC');
  const ascending = !descending;
  if (!scanner.done()) scanner.fail('ASC, DESC or the end of the term');
  return { entity, key, ascending };
}
