import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { ShellCommand } from '../../../shared/contract';
import { CommandPalette, type Command } from '../shell/CommandPalette';
import { ErrorBoundary } from '../shell/ErrorBoundary';
import { NavRail } from '../shell/NavRail';
import { NoticeList } from '../shell/NoticeList';
import { StatusBar } from '../shell/StatusBar';
import { DataView } from '../views/data/DataView';
import { ExperimentsView } from '../views/experiments/ExperimentsView';
import { ModelsView } from '../views/models/ModelsView';
import { MonitoringView } from '../views/monitoring/MonitoringView';
import { GitView } from '../views/git/GitView';
import { ServingView } from '../views/serving/ServingView';
import { StageView } from '../views/StageView';
import { WorkspaceView } from '../views/WorkspaceView';
import { useBackend } from './backend';
import { useRoute } from './route';
import { stages, type ViewId } from './stages';
import { useTheme } from './theme';
import { useWorkspaceActions } from './workspace-actions';

// Loaded when first shown: the notebook editor, its output renderers and Monaco stay out of the start-up bundle.
const NotebooksView = lazy(() => import('../views/notebooks/NotebooksView').then((module) => ({ default: module.NotebooksView })));

export function App() {
  const { client, info, workspace } = useBackend();
  const [view, go] = useRoute();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [, setTheme] = useTheme();
  const actions = useWorkspaceActions();
  // The Notebooks view stays mounted once shown: its kernels keep streaming outputs into open notebooks.
  const [notebooksShown, setNotebooksShown] = useState(view === 'notebooks');
  if (view === 'notebooks' && !notebooksShown) setNotebooksShown(true);

  const commands = useMemo<Command[]>(() => {
    const goTo = (id: ViewId, label: string): Command => ({ id: `view.${id}`, title: `Go to ${label}`, run: () => go(id) });
    const list: Command[] = [goTo('workspace', 'Workspace'), ...stages.map((stage) => goTo(stage.id, stage.label))];
    if (info?.nativeDialogs) {
      list.push(
        { id: 'workspace.openDialog', title: 'Workspace: Open Folder…', run: () => void actions.browse('Open a workspace').then((p) => (p ? actions.open(p) : null)) },
        { id: 'workspace.createDialog', title: 'Workspace: New…', run: () => void actions.browse('Create a workspace').then((p) => (p ? actions.create(p) : null)) },
      );
    } else {
      list.push({ id: 'workspace.openDialog', title: 'Workspace: Open or Create…', run: () => go('workspace') });
    }
    list.push(
      { id: 'workspace.usage', title: 'Workspace: Measure Disk Usage', run: () => void actions.measureUsage() },
      { id: 'theme.system', title: 'Theme: Follow the System', run: () => setTheme('system') },
      { id: 'theme.light', title: 'Theme: Light', run: () => setTheme('light') },
      { id: 'theme.dark', title: 'Theme: Dark', run: () => setTheme('dark') },
    );
    return list;
  }, [actions, go, info?.nativeDialogs, setTheme]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.shiftKey && event.key.toLowerCase() === 'p') {
        event.preventDefault();
        setPaletteOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // The desktop menus send commands; they run exactly as the palette's do.
  useEffect(
    () =>
      client.on('shell.command', ({ command }: { command: ShellCommand }) => {
        if (command === 'palette.open') setPaletteOpen(true);
        else commands.find((c) => c.id === command)?.run();
      }),
    [client, commands],
  );

  return (
    <div className="app">
      <NavRail view={view} onSelect={go} />
      <main className="main">
        <ErrorBoundary resetKey={view}>
          {view === 'workspace' ? <WorkspaceView /> : view === 'data' ? <DataView /> : view === 'notebooks' ? null : view === 'sourceControl' ? <GitView key={workspace?.path ?? ''} /> : view === 'experiments' ? <ExperimentsView key={workspace?.path ?? ''} /> : view === 'models' ? <ModelsView key={workspace?.path ?? ''} /> : view === 'serving' ? <ServingView key={workspace?.path ?? ''} /> : view === 'monitoring' ? <MonitoringView key={workspace?.path ?? ''} /> : <StageView stage={view} />}
        </ErrorBoundary>
        {notebooksShown && (
          <div className="nbv-host" hidden={view !== 'notebooks'}>
            <ErrorBoundary resetKey="notebooks">
              <Suspense fallback={<p className="view">Loading the notebook editor…</p>}>
                {/* A new workspace starts with its own notebooks. */}
                <NotebooksView key={workspace?.path ?? ''} active={view === 'notebooks'} />
              </Suspense>
            </ErrorBoundary>
          </div>
        )}
      </main>
      <StatusBar onWorkspace={() => go('workspace')} />
      <NoticeList />
      {paletteOpen && <CommandPalette commands={commands} onClose={() => setPaletteOpen(false)} />}
    </div>
  );
}
