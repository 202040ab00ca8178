import { VersionDetail } from '../version/VersionDetail';
import { useModel } from '../use-registry';
import { ModelPage } from './ModelPage';

export interface ModelNavigation {
  onBack: () => void;
  onOpenVersion: (version: number | null) => void;
  onCompare: (name: string, a: number, b: number) => void;
  onPush: (name: string, version: number) => void;
  onOpenExperiments: () => void;
}

/** One model, read once and kept current: its page, or one version's detail when `version` is set. */
export function ModelScreen({ name, version, nav }: { name: string; version: number | null; nav: ModelNavigation }) {
  const data = useModel(name);
  const value = data.value;
  const shown = version === null ? null : (value?.versions.find((v) => v.version === version) ?? null);

  return (
    <section className="mdl-view" data-testid="model-page" data-name={name} aria-label={`Model ${name}`}>
      <div className="mdl-nav">
        <button type="button" onClick={version === null ? nav.onBack : () => nav.onOpenVersion(null)} data-testid="models-back">
          {version === null ? '← Models' : `← ${name}`}
        </button>
        {data.failure && (
          <span className="mdl-error" role="alert">
            {data.failure}{' '}
            <button type="button" className="link-button" onClick={data.reload}>
              Try again
            </button>
          </span>
        )}
      </div>
      {value === null ? (
        !data.failure && <p className="mdl-muted">Reading {name}…</p>
      ) : version === null ? (
        <ModelPage model={value.model} versions={value.versions} nav={nav} />
      ) : shown === null ? (
        <p className="mdl-muted">Version {version} of {name} is not in the registry (it may have been deleted).</p>
      ) : (
        <VersionDetail model={value.model} version={shown} versions={value.versions} nav={nav} />
      )}
    </section>
  );
}
