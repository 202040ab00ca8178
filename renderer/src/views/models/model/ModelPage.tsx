import { useRef, useState } from 'react';
import type { ModelVersion, RegisteredModel } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { ConfirmDialog } from '../../git/ConfirmDialog';
import { DescriptionEditor } from '../DescriptionEditor';
import { formatTime, plural } from '../format';
import { TagsEditor } from '../TagsEditor';
import { useAction } from '../use-action';
import { AliasForm } from './AliasForm';
import type { ModelNavigation } from './ModelScreen';
import { VersionsTable } from './VersionsTable';

interface Props {
  model: RegisteredModel;
  versions: ModelVersion[];
  nav: ModelNavigation;
}

/** A registered model: its description and tags, its aliases, its versions, and deleting it. */
export function ModelPage({ model, versions, nav }: Props) {
  const { client } = useBackend();
  const { busy, act } = useAction();
  const [aliasVersion, setAliasVersion] = useState<number | null>(null);
  const aliasInput = useRef<HTMLInputElement>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [deleting, setDeleting] = useState<{ kind: 'model' } | { kind: 'version'; version: number } | null>(null);
  const name = model.name;
  const stillSelected = selected.filter((v) => versions.some((version) => version.version === v));

  const select = (version: number, on: boolean): void => setSelected((current) => (on ? [...current.filter((v) => v !== version), version].slice(-2) : current.filter((v) => v !== version)));
  const chooseAliasVersion = (version: number): void => {
    setAliasVersion(version);
    aliasInput.current?.focus();
  };
  const deleteNow = (): void => {
    if (deleting === null) return;
    if (deleting.kind === 'model') void act(() => client.call('registry.deleteModel', { name }), `Deleted the model ${name}.`).then((done) => done && nav.onBack());
    else void act(() => client.call('registry.deleteVersion', { name, version: deleting.version }), `Deleted version ${deleting.version} of ${name}.`).then(() => setDeleting(null));
  };
  const deletingVersion = deleting?.kind === 'version' ? versions.find((v) => v.version === deleting.version) : undefined;

  return (
    <>
      <header className="mdl-header">
        <h2 className="mdl-title" data-testid="model-name">
          {name}
          <span className="mdl-badge">{plural(model.versionCount, 'version')}</span>
        </h2>
        <p className="mdl-muted">
          Created {formatTime(model.createdAt)} · updated {formatTime(model.updatedAt)} · <code>models:/{name}/{model.latestVersion ?? 'N'}</code>
        </p>
        <DescriptionEditor subject={`the model ${name}`} text={model.description} testId="model-description" onSave={(description) => act(() => client.call('registry.updateModel', { name, description }))} />
      </header>

      <section className="mdl-section" aria-labelledby="mdl-versions-title">
        <div className="mdl-toolbar">
          <h3 id="mdl-versions-title">Versions</h3>
          <span className="mdl-gap" />
          <button type="button" disabled={stillSelected.length !== 2} onClick={() => nav.onCompare(name, Math.min(...stillSelected), Math.max(...stillSelected))} data-testid="versions-compare" title="Tick two versions to compare them">
            Compare {stillSelected.length === 2 ? `${Math.min(...stillSelected)} and ${Math.max(...stillSelected)}` : 'two versions'}
          </button>
        </div>
        {versions.length === 0 ? (
          <p className="mdl-muted">No versions: register a run or import a model under this name.</p>
        ) : (
          <VersionsTable
            versions={versions}
            selected={stillSelected}
            busy={busy}
            onSelect={select}
            onOpen={nav.onOpenVersion}
            onAlias={chooseAliasVersion}
            onRemoveAlias={(alias) => void act(() => client.call('registry.deleteAlias', { name, alias }), `Removed @${alias}.`)}
            onArchive={(version, archived) => void act(() => client.call('registry.updateVersion', { name, version, archived }), `${archived ? 'Archived' : 'Unarchived'} version ${version}.`)}
            onDelete={(version) => setDeleting({ kind: 'version', version })}
          />
        )}
      </section>

      <section className="mdl-section" aria-labelledby="mdl-aliases-title">
        <h3 id="mdl-aliases-title">Aliases</h3>
        <AliasForm
          model={model}
          versions={versions}
          version={aliasVersion !== null && versions.some((v) => v.version === aliasVersion) ? aliasVersion : null}
          onVersion={setAliasVersion}
          inputRef={aliasInput}
          busy={busy}
          onSet={(alias, version) => act(() => client.call('registry.setAlias', { name, alias, version }), `@${alias} now points at version ${version}.`)}
        />
      </section>

      <section className="mdl-section" aria-labelledby="mdl-tags-title">
        <h3 id="mdl-tags-title">Tags</h3>
        <TagsEditor subject={`the model ${name}`} tags={model.tags} onChange={(key, value) => act(() => client.call('registry.updateModel', { name, tags: { [key]: value } }))} />
      </section>

      <section className="mdl-section" aria-labelledby="mdl-danger-title">
        <h3 id="mdl-danger-title">Delete</h3>
        <button type="button" className="mdl-danger" disabled={busy} onClick={() => setDeleting({ kind: 'model' })} data-testid="model-delete">
          Delete the model {name}…
        </button>
      </section>

      {deleting?.kind === 'model' && (
        <ConfirmDialog title={`Delete the model ${name}?`} confirm="Delete model" busy={busy} onConfirm={deleteNow} onClose={() => setDeleting(null)}>
          <p>
            All {plural(versions.length, 'version')} and {plural(Object.keys(model.aliases).length, 'alias', 'aliases')} go with it; servers serving it stop finding it. Stored files go when no other version uses them.
          </p>
          <p>Copies pushed to a shared registry stay there.</p>
        </ConfirmDialog>
      )}
      {deleting?.kind === 'version' && (
        <ConfirmDialog title={`Delete version ${deleting.version} of ${name}?`} confirm="Delete version" busy={busy} onConfirm={deleteNow} onClose={() => setDeleting(null)}>
          <p>{deletingVersion && deletingVersion.aliases.length > 0 ? `Its aliases go with it: ${deletingVersion.aliases.map((a) => `@${a}`).join(', ')}.` : 'No alias points at it.'}</p>
          <p>Copies pushed to a shared registry stay there.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
