/**
 * Small statistics and timing helpers for the benchmark. Every figure is a median over several runs
 * with its min and max kept beside it (the machine is shared and noisy).
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface Summary {
  min: number;
  median: number;
  max: number;
  n: number;
  samples: number[];
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summarize: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { min: sorted[0], median, max: sorted[sorted.length - 1], n: sorted.length, samples: [...samples] };
}

/** A summary of `f(sample)` for each sample (used to turn ms into per-second or per-page figures). */
export function mapSummary(s: Summary, f: (x: number) => number): Summary {
  return summarize(s.samples.map(f));
}

/** Element-wise a[i] - b[i] (paired runs of the same round). */
export function pairedDifference(a: Summary, b: Summary): Summary {
  const n = Math.min(a.samples.length, b.samples.length);
  return summarize(Array.from({ length: n }, (_, i) => a.samples[i] - b.samples[i]));
}

export class MeasurementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MeasurementError';
  }
}

export interface ProcessResult {
  ms: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs one process to completion and returns its wall time. A non-zero exit (or a signal) is a failed
 * measurement: it throws with the command's stderr, never returns a number.
 */
export function timeProcess(command: string, args: readonly string[], options: SpawnSyncOptions = {}): ProcessResult {
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024, ...options });
  const ms = performance.now() - started;
  const stdout = result.stdout ? result.stdout.toString() : '';
  const stderr = result.stderr ? result.stderr.toString() : '';
  if (result.error) throw new MeasurementError(`${command} ${args.slice(0, 6).join(' ')}: ${result.error.message}`);
  if (result.status !== 0) {
    const tail = (stderr || stdout).trim().split('\n').slice(-15).join('\n');
    throw new MeasurementError(
      `${command} ${args.slice(0, 8).join(' ')}${args.length > 8 ? ' …' : ''} exited ${result.status ?? result.signal}:\n${tail}`,
    );
  }
  return { ms, stdout, stderr };
}

export const fmt = (x: number, digits?: number): string => {
  if (!Number.isFinite(x)) return String(x);
  const d = digits ?? (Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
  return x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
};
