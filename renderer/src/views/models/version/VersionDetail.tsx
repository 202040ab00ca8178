import { useState } from 'react';
import type { ModelVersion, RegisteredModel } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { ConfirmDialog } from '../../git/ConfirmDialog';
import { AliasChips, VersionStatus } from '../AliasChips';
import { DescriptionEditor } from '../DescriptionEditor';
import { formatTime } from '../format';
import type { ModelNavigation } from '../model/ModelScreen';
import { TagsEditor } from '../TagsEditor';
import { useAction } from '../use-action';
import { LineageSection } from './LineageSection';
import { PackageSection } from './PackageSection';

interface Props {
  model: RegisteredModel;
  version: ModelVersion;
  /** All the model's versions, newest first: "compare with the previous one" needs them. */
  versions: ModelVersion[];
  nav: ModelNavigation;
}

/** One version whole: lineage, metrics, signature, files, parity, pushes; and archiving, pushing, comparing or deleting it. */
export function VersionDetail({ model, version, versions, nav }: Props) {
  const { client } = useBackend();
  const { busy, act } = useAction();
  const [deleting, setDeleting] = useState(false);
  const { name } = model;
  const number = version.version;
  const previous = versions.find((v) => v.version < number);

  return (
    <article className="mdl-view" data-testid="version-detail" data-version={number} aria-label={`${name} version ${number}`}>
      <header className="mdl-header">
        <h2 className="mdl-title">
          {name} <span>version {number}</span>
          <VersionStatus status={version.status} />
          {version.archived && <span className="mdl-badge">archived</span>}
          <AliasChips aliases={version.aliases} onRemove={(alias) => void act(() => client.call('registry.deleteAlias', { name, alias }), `Removed @${alias}.`)} busy={busy} />
        </h2>
        <p className="mdl-muted">
          Registered {formatTime(version.createdAt)}
          {version.updatedAt !== version.createdAt && ` · updated ${formatTime(version.updatedAt)}`} · <code>models:/{name}/{number}</code>
          {version.aliases.map((alias) => (
            <span key={alias}>
              {' '}
              · <code>models:/{name}@{alias}</code>
            </span>
          ))}
          {version.stage !== 'None' && version.stage !== '' && ` · MLflow stage ${version.stage} (read-only)`}
        </p>
        <div className="mdl-toolbar">
          <button type="button" disabled={busy} onClick={() => void act(() => client.call('registry.updateVersion', { name, version: number, archived: !version.archived }), `${version.archived ? 'Unarchived' : 'Archived'} version ${number}.`)}>
            {version.archived ? 'Unarchive' : 'Archive'}
          </button>
          <button type="button" onClick={() => nav.onPush(name, number)} data-testid="version-push">
            Push to the shared registry…
          </button>
          {previous && (
            <button type="button" onClick={() => nav.onCompare(name, previous.version, number)}>
              Compare with version {previous.version}
            </button>
          )}
          <span className="mdl-gap" />
          <button type="button" className="mdl-danger" disabled={busy} onClick={() => setDeleting(true)} data-testid="version-delete">
            Delete version…
          </button>
        </div>
        <DescriptionEditor subject={`version ${number}`} text={version.description} testId="version-description" onSave={(description) => act(() => client.call('registry.updateVersion', { name, version: number, description }))} />
      </header>

      <LineageSection version={version} onOpenExperiments={nav.onOpenExperiments} />
      <PackageSection version={version} />

      <section className="mdl-section" aria-label="Version tags">
        <h3>Tags</h3>
        <TagsEditor subject={`version ${number}`} tags={version.tags} onChange={(key, value) => act(() => client.call('registry.updateVersion', { name, version: number, tags: { [key]: value } }))} />
      </section>

      {deleting && (
        <ConfirmDialog
          title={`Delete version ${number} of ${name}?`}
          confirm="Delete version"
          busy={busy}
          onConfirm={() => void act(() => client.call('registry.deleteVersion', { name, version: number }), `Deleted version ${number} of ${name}.`).then((done) => (done ? nav.onOpenVersion(null) : setDeleting(false)))}
          onClose={() => setDeleting(false)}
        >
          <p>{version.aliases.length > 0 ? `Its aliases go with it: ${version.aliases.map((a) => `@${a}`).join(', ')}.` : 'No alias points at it.'}</p>
          <p>Copies pushed to a shared registry stay there.</p>
        </ConfirmDialog>
      )}
    </article>
  );
}
