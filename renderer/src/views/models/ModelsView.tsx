import { useState } from 'react';
import type { ModelVersion } from '../../../../shared/contract';
import { useRoute } from '../../app/route';
import { ComparePanel, type CompareTarget } from './compare/ComparePanel';
import { ModelList } from './list/ModelList';
import { ModelScreen, type ModelNavigation } from './model/ModelScreen';
import { RegisterPanel } from './register/RegisterPanel';
import type { PushTarget } from './shared/PushSection';
import { SharedRegistryPanel } from './shared/SharedRegistryPanel';
import '../data/data.css';
import './models.css';

type ModelsTab = 'models' | 'compare' | 'register' | 'shared';

const tabs: { id: ModelsTab; label: string }[] = [
  { id: 'models', label: 'Models' },
  { id: 'compare', label: 'Compare' },
  { id: 'register', label: 'Register' },
  { id: 'shared', label: 'Shared registry' },
];

/**
 * The Models stage: the local registry's models and versions, comparing two
 * versions, registering a run or importing a model, and the shared MLflow
 * registry. Panels stay mounted so their forms and running jobs survive tab
 * switches.
 */
export function ModelsView() {
  const [, go] = useRoute();
  const [tab, setTab] = useState<ModelsTab>('models');
  const [open, setOpen] = useState<{ name: string; version: number | null } | null>(null);
  const [compare, setCompare] = useState<{ seq: number; target: CompareTarget | null }>({ seq: 0, target: null });
  const [push, setPush] = useState<{ seq: number; target: PushTarget | null }>({ seq: 0, target: null });

  const openModel = (name: string, version: number | null = null): void => {
    setOpen({ name, version });
    setTab('models');
  };
  const opened = (version: ModelVersion): void => openModel(version.name);
  const nav: ModelNavigation = {
    onBack: () => setOpen(null),
    onOpenVersion: (version) => setOpen((current) => current && { ...current, version }),
    onCompare: (name, a, b) => {
      setCompare((current) => ({ seq: current.seq + 1, target: { name, a, b } }));
      setTab('compare');
    },
    onPush: (name, version) => {
      setPush((current) => ({ seq: current.seq + 1, target: { name, version } }));
      setTab('shared');
    },
    onOpenExperiments: () => go('experiments'),
  };

  return (
    <section className="view view-wide mdl-view" aria-labelledby="view-models" data-testid="view-models">
      <h1 id="view-models">Models</h1>
      <div role="tablist" aria-label="Model tools" className="tabs">
        {tabs.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className="tab" data-testid={`models-tab-${t.id}`} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label="Models" hidden={tab !== 'models'}>
        {open === null ? <ModelList onOpen={(name) => openModel(name)} onRegister={() => setTab('register')} /> : <ModelScreen key={open.name} name={open.name} version={open.version} nav={nav} />}
      </div>
      <div role="tabpanel" aria-label="Compare" hidden={tab !== 'compare'}>
        <ComparePanel key={compare.seq} initial={compare.target} />
      </div>
      <div role="tabpanel" aria-label="Register" hidden={tab !== 'register'}>
        <RegisterPanel active={tab === 'register'} onRegistered={opened} />
      </div>
      <div role="tabpanel" aria-label="Shared registry" hidden={tab !== 'shared'}>
        <SharedRegistryPanel pushTarget={push} onPulled={opened} />
      </div>
    </section>
  );
}
