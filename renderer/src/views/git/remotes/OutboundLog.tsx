import type { z } from 'zod';
import type { outboundEntrySchema } from '../../../../../shared/contract';
import { RefTable } from '../RefTable';

type OutboundEntry = z.infer<typeof outboundEntrySchema>;

/** Everything the workbench pushed off this machine: when, what, where. */
export function OutboundLog({ entries }: { entries: OutboundEntry[] | null }) {
  if (entries === null) return <p className="git-muted">Reading…</p>;
  if (entries.length === 0) return <p className="git-muted">Nothing has been sent from this machine yet.</p>;
  return (
    <RefTable label="Sent from this machine" columns={['When', 'What', 'Where', 'Detail']} actions={false}>
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
    </RefTable>
  );
}

function formatWhen(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : date.toLocaleString();
}
