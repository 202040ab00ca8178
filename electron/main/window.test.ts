import { beforeEach, describe, expect, it, vi } from 'vitest';

// FAKE: a stand-in for the parts of Electron that createMainWindow touches;
// the Electron binary cannot run here. It records what the shell asks for.
const fake = vi.hoisted(() => {
  type Handler = (...args: unknown[]) => unknown;
  const state = {
    options: undefined as unknown,
    loaded: [] as string[],
    opened: [] as string[],
    handlers: new Map<string, Handler>(),
    openHandler: undefined as undefined | ((details: { url: string }) => { action: string }),
  };
  class BrowserWindow {
    webContents = {
      setWindowOpenHandler: (handler: typeof state.openHandler) => (state.openHandler = handler),
      on: (event: string, handler: Handler) => state.handlers.set(event, handler),
    };
    constructor(options: unknown) {
      state.options = options;
    }
    once(): void {}
    loadURL(url: string): Promise<void> {
      state.loaded.push(url);
      return Promise.resolve();
    }
  }
  return { state, BrowserWindow };
});

vi.mock('electron', () => ({
  BrowserWindow: fake.BrowserWindow,
  nativeTheme: { shouldUseDarkColors: false },
  shell: { openExternal: (url: string) => fake.state.opened.push(url) },
}));

const { createMainWindow } = await import('./window');

function navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
  let prevented = false;
  fake.state.handlers.get(event)?.({ preventDefault: () => (prevented = true) }, url);
  return prevented;
}

describe('the main window (Electron faked)', () => {
  beforeEach(() => {
    fake.state.loaded = [];
    fake.state.opened = [];
    fake.state.handlers.clear();
  });

  it('is created sandboxed and isolated, and loads the app from app://', () => {
    createMainWindow({ preload: '/out/preload/index.cjs', icon: '/icon.png', devServerUrl: undefined });
    expect(fake.state.options).toMatchObject({
      webPreferences: { preload: '/out/preload/index.cjs', sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false },
    });
    expect(fake.state.loaded).toEqual(['app://workbench/']);
  });

  it('blocks navigation away from the app and every new window; web links go to the browser', () => {
    createMainWindow({ preload: '/p.cjs', icon: '/i.png', devServerUrl: undefined });
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', 'app://workbench/#/data')).toBe(false);
    expect(fake.state.openHandler?.({ url: 'https://duckdb.org/' })).toEqual({ action: 'deny' });
    expect(fake.state.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.state.opened).toEqual(['https://duckdb.org/']);
    let attached = false;
    fake.state.handlers.get('will-attach-webview')?.({ preventDefault: () => (attached = true) });
    expect(attached).toBe(true);
  });
});
