import type { ReactNode } from 'react';

interface Props {
  /** The table's accessible name. */
  label: string;
  columns: string[];
  /** Adds a last column for the row's buttons, named for screen readers only. */
  actions?: boolean;
  /** The rows. */
  children: ReactNode;
}

/** The table the Branches, Tags and Remotes panels list things in: a header row, then the rows given. */
export function RefTable({ label, columns, actions = true, children }: Props) {
  return (
    <table className="git-ref-table" aria-label={label}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
          {actions && (
            <th scope="col">
              <span className="git-visually-hidden">Actions</span>
            </th>
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
