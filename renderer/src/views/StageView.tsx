import { useBackend } from '../app/backend';
import { stages, type StageId } from '../app/stages';

/** An honest empty state for a stage whose tools are not built yet. */
export function StageView({ stage }: { stage: StageId }) {
  const { workspace } = useBackend();
  const def = stages.find((s) => s.id === stage);
  if (!def) return null;
  return (
    <section className="view" aria-labelledby={`view-${stage}`} data-testid={`view-${stage}`}>
      <h1 id={`view-${stage}`}>{def.title}</h1>
      <p className="lead">{def.purpose}</p>
      <div className="empty-state">
        <p>
          <strong>Not available yet.</strong> This part of ML Workbench is still being built; nothing here works in this version.
        </p>
        {workspace && (
          <p>
            Your files stay where they are in <code>{workspace.path}</code>.
          </p>
        )}
      </div>
    </section>
  );
}
