interface Props {
  aliases: readonly string[];
  /** With the version each points at (a model's aliases), shown after the name. */
  versions?: Record<string, number>;
  onRemove?: (alias: string) => void;
  busy?: boolean;
}

/** Aliases as chips; with `onRemove`, each has a button that removes it. */
export function AliasChips({ aliases, versions, onRemove, busy = false }: Props) {
  if (aliases.length === 0) return null;
  return (
    <span className="mdl-chips">
      {aliases.map((alias) => (
        <span key={alias} className="mdl-chip" data-testid="alias-chip" data-alias={alias}>
          @{alias}
          {versions?.[alias] !== undefined && <span className="mdl-muted"> v{versions[alias]}</span>}
          {onRemove && (
            <button type="button" aria-label={`Remove the alias ${alias}`} title={`Remove @${alias}`} disabled={busy} onClick={() => onRemove(alias)}>
              ×
            </button>
          )}
        </span>
      ))}
    </span>
  );
}

/** A version's registration status in its colour. */
export function VersionStatus({ status }: { status: string }) {
  const words = status.toLowerCase().replace(/_/g, ' ');
  return (
    <span className={`mdl-status mdl-status-${status.toLowerCase()}`} data-status={status}>
      {words.charAt(0).toUpperCase() + words.slice(1)}
    </span>
  );
}
