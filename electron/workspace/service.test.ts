import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isWorkbenchError, type WorkspaceInfo } from '../../shared/contract';
import { recordingLogger, resourcesDir, tempDir } from '../../test/helpers';
import { createWorkspaceService, type WorkspaceService } from './service';
import { SAMPLE_DATASET } from './sample';
import { LATEST_STORE_VERSION } from './migrations';

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (isWorkbenchError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an error');
}

describe('workspace service', () => {
  let home: ReturnType<typeof tempDir>;
  let service: WorkspaceService;
  let changes: (WorkspaceInfo | null)[];
  const log = recordingLogger();
  const make = (): WorkspaceService =>
    createWorkspaceService({
      appHome: join(home.path, 'app'),
      sampleDir: join(home.path, 'sample'),
      resourcesDir,
      log,
      onChange: (info) => changes.push(info),
    });

  beforeEach(() => {
    home = tempDir();
    changes = [];
    service = make();
  });
  afterEach(() => {
    service.close();
    home.cleanup();
  });

  it('opens a plain folder as a workspace: .workbench/ with store, artifacts and a git ignore', () => {
    const folder = join(home.path, 'project');
    mkdirSync(folder);
    writeFileSync(join(folder, 'train.py'), 'print(1)');
    const info = service.open(folder);
    expect(info).toMatchObject({ path: folder, name: 'project', storeVersion: LATEST_STORE_VERSION, isSample: false });
    expect(readdirSync(join(folder, '.workbench')).sort()).toEqual(['.gitignore', 'artifacts', 'workbench.sqlite', 'workbench.sqlite-shm', 'workbench.sqlite-wal'].sort());
    expect(readFileSync(join(folder, '.workbench', '.gitignore'), 'utf8')).toBe('*\n');
    expect(readFileSync(join(folder, 'train.py'), 'utf8')).toBe('print(1)');
    expect(changes.map((c) => c?.path)).toEqual([folder]);
  });

  it('says clearly when the folder is missing, is a file, or is given as a relative path', () => {
    const missing = join(home.path, 'nope');
    expect(errorOf(() => service.open(missing))).toEqual({ code: 'workspace_not_found', message: `The folder ${missing} does not exist.` });
    const file = join(home.path, 'file.txt');
    writeFileSync(file, 'x');
    expect(errorOf(() => service.open(file)).code).toBe('workspace_not_found');
    expect(errorOf(() => service.open('relative/dir'))).toMatchObject({ code: 'invalid_input' });
    expect(existsSync(missing)).toBe(false);
  });

  it('says clearly when the folder cannot be written', () => {
    // Root ignores file modes, so as root use a folder no one can write: sysfs.
    let folder = '/sys/fs';
    if (process.getuid?.() !== 0) {
      folder = join(home.path, 'locked');
      mkdirSync(folder);
      chmodSync(folder, 0o555);
    }
    const error = errorOf(() => service.open(folder));
    expect(error.code).toBe('workspace_unwritable');
    expect(error.message).toContain(folder);
    expect(service.current()).toBeNull();
  });

  it('keeps the open workspace when opening another one fails', () => {
    const good = join(home.path, 'good');
    mkdirSync(good);
    service.open(good);
    const bad = join(home.path, 'bad');
    mkdirSync(join(bad, '.workbench'), { recursive: true });
    writeFileSync(join(bad, '.workbench', 'workbench.sqlite'), 'garbage'.repeat(100));
    expect(errorOf(() => service.open(bad)).code).toBe('workspace_corrupt');
    expect(service.current()?.path).toBe(good);
    expect(readFileSync(join(bad, '.workbench', 'workbench.sqlite'), 'utf8')).toBe('garbage'.repeat(100));
  });

  it('creates new workspaces, but never over an existing one or a non-empty folder', () => {
    const fresh = join(home.path, 'fresh');
    expect(service.create(fresh).path).toBe(fresh);
    expect(errorOf(() => service.create(fresh)).code).toBe('workspace_exists');
    const busy = join(home.path, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    expect(errorOf(() => service.create(busy)).code).toBe('workspace_exists');
    expect(errorOf(() => service.create(join(home.path, 'no', 'parent'))).code).toBe('workspace_not_found');
  });

  it('remembers recent workspaces across restarts, newest first, and flags missing ones', () => {
    const a = service.create(join(home.path, 'a')).path;
    const b = service.create(join(home.path, 'b')).path;
    service.open(a);
    service.close();
    const again = make();
    expect(again.recent().map((r) => r.path)).toEqual([a, b]);
    service = again;
    service.forget(b);
    expect(service.recent().map((r) => r.path)).toEqual([a]);
  });

  it('on first run makes the sample workspace with the churn dataset, and reopens the last one later', () => {
    const sample = service.openDefault();
    expect(sample).toMatchObject({ path: join(home.path, 'sample'), isSample: true });
    const copied = readFileSync(join(sample.path, 'data', SAMPLE_DATASET));
    expect(copied.equals(readFileSync(join(resourcesDir, 'sample-data', SAMPLE_DATASET)))).toBe(true);
    expect(copied.toString().split('\n').filter(Boolean)).toHaveLength(7044);
    const other = service.create(join(home.path, 'other')).path;
    service.close();
    service = make();
    expect(service.openDefault().path).toBe(other);
  });

  it('moves an unreadable settings file aside instead of failing or overwriting it', () => {
    service.close();
    mkdirSync(join(home.path, 'app'), { recursive: true });
    writeFileSync(join(home.path, 'app', 'settings.json'), '{ not json');
    service = make();
    expect(service.recent()).toEqual([]);
    const aside = readdirSync(join(home.path, 'app')).find((name) => name.startsWith('settings.json.unreadable-'));
    expect(aside).toBeDefined();
    expect(readFileSync(join(home.path, 'app', aside!), 'utf8')).toBe('{ not json');
    expect(log.lines.some((line) => line.includes('settings file was unreadable'))).toBe(true);
  });
});
