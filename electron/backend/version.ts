declare const __WORKBENCH_VERSION__: string;

/** Set at build time from package.json (electron-vite and vitest both define it). */
export const WORKBENCH_VERSION: string = __WORKBENCH_VERSION__;
