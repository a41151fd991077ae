/**
 * Where the time goes: a summary of a V8 CPU profile (`node --cpu-prof`), by function (self time) and
 * by package/file (self time), so a missed budget comes with an explanation.
 *
 *   node scripts/bench/profile.ts <file.cpuprofile> [top]
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileLine {
  what: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  byFunction: ProfileLine[];
  byModule: ProfileLine[];
}

/** `node_modules/astro/dist/core/build/...` -> `astro`; repo files keep their path. */
export function moduleOf(url: string): string {
  if (!url) return '(native/idle)';
  const path = url.replace(/^file:\/\//, '');
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (path.startsWith('node:')) return 'node (core)';
  const repo = path.indexOf('/work/main/');
  return repo >= 0 ? path.slice(repo + '/work/main/'.length) : path;
}

export function summarizeProfile(file: string | object, top = 12): ProfileSummary {
  const profile = (typeof file === 'string' ? JSON.parse(readFileSync(file, 'utf8')) : file) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
  }
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const fn = new Map<string, number>();
  const mod = new Map<string, number>();
  for (const [id, ms] of self) {
    const { callFrame: cf } = byId.get(id)!;
    const name = cf.functionName || '(anonymous)';
    const special = name.startsWith('(') && !cf.url;
    const key = special ? name : `${name} ${moduleOf(cf.url)}:${cf.lineNumber + 1}`;
    fn.set(key, (fn.get(key) ?? 0) + ms);
    const m = special ? name : moduleOf(cf.url);
    mod.set(m, (mod.get(m) ?? 0) + ms);
  }
  const lines = (map: Map<string, number>) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([what, ms]) => ({ what, ms: Math.round(ms * 10) / 10, share: Math.round((ms / totalMs) * 1000) / 10 }));
  return { totalMs: Math.round(totalMs), byFunction: lines(fn), byModule: lines(mod) };
}

/** Runs `node --cpu-prof <args>` once and summarizes the profile of the main thread. */
export function profileProcess(args: readonly string[], options: SpawnSyncOptions = {}, top = 8): ProfileSummary {
  const dir = mkdtempSync(join(tmpdir(), 'ckr-bench-prof-'));
  try {
    const result = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '200', ...args], { stdio: 'ignore', ...options });
    if (result.status !== 0) throw new Error(`profiled run exited ${result.status}`);
    const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
    if (files.length === 0) throw new Error('no profile written');
    return summarizeProfile(join(dir, files[0]), top);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Profiles `body` in this process (node:inspector). */
export async function profileHere<T>(body: () => T, top = 8): Promise<ProfileSummary> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    body();
    const { profile } = await session.post('Profiler.stop');
    return summarizeProfile(profile, top);
  } finally {
    session.disconnect();
  }
}

/** A short text: the top lines by file/package and by function. */
export function profileNote(summary: ProfileSummary, lines = 6): string {
  const list = (l: ProfileLine[]) => l.slice(0, lines).map((x) => `${x.share.toFixed(0)}% ${x.what}`).join('; ');
  return `profile (${summary.totalMs} ms): by file: ${list(summary.byModule)}\nby function: ${list(summary.byFunction)}`;
}

export function formatProfile(summary: ProfileSummary, title: string): string {
  const rows = (lines: ProfileLine[]) => lines.map((l) => `    ${l.ms.toFixed(1).padStart(9)} ms ${l.share.toFixed(1).padStart(5)}%  ${l.what}`).join('\n');
  return `${title} (${summary.totalMs} ms profiled)\n  by file/package (self time):\n${rows(summary.byModule)}\n  by function (self time):\n${rows(summary.byFunction)}\n`;
}

if (import.meta.main) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node scripts/bench/profile.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  process.stdout.write(formatProfile(summarizeProfile(file, Number(top) || 12), file));
}
