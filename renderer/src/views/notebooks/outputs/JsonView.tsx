import { useState } from 'react';

const childrenShown = 200;

/** application/json output: a tree, the first level open, each object or array collapsible. Children render only when opened. */
export function JsonView({ value }: { value: unknown }) {
  return (
    <div className="nb-json" data-testid="nb-json">
      <JsonNode label={null} value={value} depth={0} />
    </div>
  );
}

function JsonNode({ label, value, depth }: { label: string | null; value: unknown; depth: number }) {
  const [open, setOpen] = useState(depth < 1);
  const [limit, setLimit] = useState(childrenShown);
  const key = label === null ? null : <span className="nb-json-key">{label}: </span>;
  if (value === null || typeof value !== 'object') {
    return (
      <div>
        {key}
        <JsonScalar value={value} />
      </div>
    );
  }
  const isArray = Array.isArray(value);
  const entries: [string, unknown][] = isArray ? value.map((item, index) => [String(index), item]) : Object.entries(value);
  const [openMark, closeMark] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div>
        {key}
        {openMark}
        {closeMark}
      </div>
    );
  }
  return (
    <div>
      <button type="button" className="nb-json-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'}
      </button>
      {key}
      {openMark}
      {!open && (
        <span className="nb-json-summary">
          {' '}
          {entries.length} {isArray ? 'item' : 'key'}
          {entries.length === 1 ? '' : 's'} {closeMark}
        </span>
      )}
      {open && (
        <>
          <div className="nb-json-children">
            {entries.slice(0, limit).map(([name, item]) => (
              <JsonNode key={name} label={isArray ? null : JSON.stringify(name)} value={item} depth={depth + 1} />
            ))}
            {entries.length > limit && (
              <button type="button" className="nb-json-more" onClick={() => setLimit(limit + childrenShown * 5)}>
                … {entries.length - limit} more
              </button>
            )}
          </div>
          {closeMark}
        </>
      )}
    </div>
  );
}

function JsonScalar({ value }: { value: unknown }) {
  if (value === null) return <span className="nb-json-null">null</span>;
  switch (typeof value) {
    case 'string':
      return <span className="nb-json-string">{JSON.stringify(value)}</span>;
    case 'number':
      return <span className="nb-json-number">{String(value)}</span>;
    case 'boolean':
      return <span className="nb-json-boolean">{String(value)}</span>;
    default:
      // undefined, bigint and the like cannot come from JSON; shown by type rather than guessed at.
      return <span className="nb-json-null">{typeof value}</span>;
  }
}
