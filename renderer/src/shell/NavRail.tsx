import { stages, type ViewId } from '../app/stages';
import { ViewIcon } from './icons';

export function NavRail({ view, onSelect }: { view: ViewId; onSelect: (view: ViewId) => void }) {
  const items: { id: ViewId; label: string }[] = [{ id: 'workspace', label: 'Workspace' }, ...stages];
  return (
    <nav className="nav-rail" aria-label="Workflow stages">
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          className="nav-item"
          aria-current={view === item.id ? 'page' : undefined}
          title={item.label}
          onClick={() => onSelect(item.id)}
        >
          <ViewIcon view={item.id} />
          <span>{item.label}</span>
        </button>
      ))}
    </nav>
  );
}
