/** Where a V8 `.cpuprofile` (node --cpu-prof) spent its time: self time by function and by file. */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
}

/** `window`: only the samples between these two CLOCK_MONOTONIC times in microseconds (V8's profile clock on Linux). */
export function summarizeProfile(path: string, top = 15, window?: [number, number]): { totalMs: number; functions: SelfTime[]; files: SelfTime[] } {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  let totalMs = 0;
  let at = profile.startTime;
  for (const [i, id] of profile.samples.entries()) {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window[0] || at > window[1])) continue;
    // Each sample's time is the delta to the next one.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    totalMs += ms;
    const file = shortUrl(frame.url) || `(${frame.functionName || 'native'})`;
    const name = `${frame.functionName || '(anonymous)'} ${file}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    files.set(file, (files.get(file) ?? 0) + ms);
  }
  const ranked = (map: Map<string, number>): SelfTime[] =>
    [...map.entries()]
      .map(([name, ms]) => ({ name, ms }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, top);
  return { totalMs, functions: ranked(functions), files: ranked(files) };
}

/** `file:///…/node_modules/isomorphic-git/index.js` -> `isomorphic-git/index.js`; app chunks keep their last two parts. */
function shortUrl(url: string): string {
  if (!url) return '';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  return url.split('/').slice(-2).join('/');
}
