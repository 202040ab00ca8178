declare const __WORKBENCH_VERSION__: string | undefined;

/**
 * Set at build time from package.json (electron-vite and vitest both define it).
 * Scripts run straight from the sources with tsx (benchmarks, test children) get npm's or a dev marker.
 */
export const WORKBENCH_VERSION: string =
  typeof __WORKBENCH_VERSION__ === 'string' ? __WORKBENCH_VERSION__ : `${process.env.npm_package_version ?? '0.0.0'}-dev`;
