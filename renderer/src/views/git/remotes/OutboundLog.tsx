import type { z } from 'zod';
import type { outboundEntrySchema } from '../../../../../shared/contract';

type OutboundEntry = z.infer<typeof outboundEntrySchema>;

/** Everything the workbench pushed off this machine: when, what, where. */
export function OutboundLog({ entries }: { entries: OutboundEntry[] | null }) {
  if (entries === null) return <p className="git-muted">Reading…</p>;
  if (entries.length === 0) return <p className="git-muted">Nothing has been sent from this machine yet.</p>;
  return (
    <table className="git-ref-table" aria-label="Sent from this machine">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col">Where</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry, index) => (
          <tr key={`${entry.at}-${index}`}>
            <td title={entry.at}>{formatWhen(entry.at)}</td>
            <td>{entry.action}</td>
            <td className="git-remote-url">
              <code>{entry.target}</code>
            </td>
            <td>{entry.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function formatWhen(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : date.toLocaleString();
}
