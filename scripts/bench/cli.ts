/**
 * hsm-cli as whole processes, each beside its baseline in the same rounds (order rotated per round):
 *  - `hsm-cli explain-error 0xA0` vs `node -e 0` (the same Node binary);
 *  - one-shot `hsm-cli sign` (RSA-2048, one 1 KB file) minus `node -e 0` (paired per round) vs one-shot
 *    `pkcs11-tool --login --sign -m SHA256-RSA-PKCS`;
 *  - N files signed in ONE `hsm-cli sign --input f1 --input f2 ... --output-dir d` vs N pkcs11-tool
 *    processes (quick mode runs fewer pkcs11-tool processes and scales their total to N).
 * bin.js runs a command's bundle (scripts/build-cli.ts, built before this section); the one-shot sign is also
 * timed from the sources (HSM_CLI_BUNDLES=0) in the same rounds, to show what the bundle saves.
 * The signatures are checked: hsm-cli's and pkcs11-tool's are the same bytes (RSA PKCS#1 v1.5).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, RSA_KEY, pkcs11ToolSignArgs, type BenchToken } from './softhsm.ts';
import { MeasurementError, summarize, timeProcess, type Summary } from './stats.ts';
import { REPO } from './synthetic.ts';

export interface CliBench {
  nodeE0: Summary;
  explain: Summary;
  signOne: Summary;
  signOneMinusNode: Summary;
  /** The same one-shot sign with HSM_CLI_BUNDLES=0 (the TypeScript sources, module by module). */
  signOneSourcesMinusNode: Summary;
  pkcs11ToolOne: Summary;
  many: {
    files: number;
    ours: Summary;
    /** pkcs11-tool processes actually run per round, and their total scaled to `files`. */
    toolProcesses: number;
    tool: Summary;
    scaled: boolean;
  };
}

export interface CliBenchOptions {
  runs: number;
  manyRuns: number;
  files: number;
  toolProcesses: number;
}

function writeFiles(dir: string, n: number): string[] {
  mkdirSync(dir, { recursive: true });
  const names: string[] = [];
  for (let i = 1; i <= n; i++) {
    const name = `f${String(i).padStart(4, '0')}`;
    const data = Buffer.alloc(1024);
    for (let k = 0; k < data.length; k++) data[k] = (i * 131 + k * 17) & 0xff;
    writeFileSync(join(dir, name), data);
    names.push(name);
  }
  return names;
}

/** Runs `body`, prefixing a failure with the phase it happened in. */
function phase<T>(name: string, body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof MeasurementError) throw new MeasurementError(`${name}: ${e.message}`);
    throw e;
  }
}

export function benchCli(token: BenchToken, options: CliBenchOptions, log: (s: string) => void): CliBench {
  const work = join(token.dir, 'cli');
  const files = join(work, 'files');
  rmSync(work, { recursive: true, force: true });
  const names = writeFiles(files, options.files);
  const env = token.env;
  const node = process.execPath;

  const commands = {
    nodeE0: () => timeProcess(node, ['-e', '0'], { env }).ms,
    explain: () => timeProcess(node, [BIN, 'explain-error', '0xA0'], { env, cwd: REPO }).ms,
    signOne: () => timeProcess(node, [BIN, 'sign', '--label', token.label, '--key-label', RSA_KEY, '--input', names[0], '--output', 'one.sig'], { env, cwd: files }).ms,
    signOneSources: () =>
      timeProcess(node, [BIN, 'sign', '--label', token.label, '--key-label', RSA_KEY, '--input', names[0], '--output', 'src.sig'], { env: { ...env, HSM_CLI_BUNDLES: '0' }, cwd: files }).ms,
    pkcs11ToolOne: () => timeProcess('pkcs11-tool', pkcs11ToolSignArgs(token, names[0], 'one.p11sig'), { env, cwd: files }).ms,
  };
  type Name = keyof typeof commands;
  const order = Object.keys(commands) as Name[];

  // Warm-up (compile cache, page cache), and the check that both sign the same bytes.
  for (const name of order) phase(`warm-up ${name}`, commands[name]);
  const ours = readFileSync(join(files, 'one.sig'));
  const theirs = readFileSync(join(files, 'one.p11sig'));
  if (!ours.equals(readFileSync(join(files, 'src.sig')))) throw new MeasurementError(`hsm-cli sign made different signatures from its bundle and from its sources`);
  if (!ours.equals(theirs)) throw new MeasurementError(`hsm-cli sign and pkcs11-tool --sign made different RSA signatures of ${names[0]}`);

  const samples: Record<Name, number[]> = { nodeE0: [], explain: [], signOne: [], signOneSources: [], pkcs11ToolOne: [] };
  for (let r = 0; r < options.runs; r++) {
    for (let k = 0; k < order.length; k++) {
      const name = order[(k + r) % order.length];
      samples[name].push(phase(`round ${r + 1} ${name}`, commands[name]));
    }
  }
  log(`  process rounds done (${options.runs} each)`);

  // Many files: one hsm-cli process vs one pkcs11-tool process per file.
  const sigs = join(work, 'sigs');
  const toolSigs = join(work, 'tool-sigs');
  const manyOurs: number[] = [];
  const manyTool: number[] = [];
  const toolNames = names.slice(0, Math.min(options.toolProcesses, names.length));
  const oneRun = () => {
    rmSync(sigs, { recursive: true, force: true });
    mkdirSync(sigs);
    const args = [BIN, 'sign', '--label', token.label, '--key-label', RSA_KEY, ...names.flatMap((n) => ['--input', n]), '--output-dir', sigs];
    manyOurs.push(timeProcess(node, args, { env, cwd: files }).ms);
    const made = readdirSync(sigs).length;
    if (made !== names.length) throw new MeasurementError(`hsm-cli sign of ${names.length} files wrote ${made} signatures`);
  };
  const toolRun = () => {
    rmSync(toolSigs, { recursive: true, force: true });
    mkdirSync(toolSigs);
    let total = 0;
    for (const n of toolNames) total += timeProcess('pkcs11-tool', pkcs11ToolSignArgs(token, n, join(toolSigs, `${n}.sig`)), { env, cwd: files }).ms;
    manyTool.push((total * names.length) / toolNames.length);
  };
  for (let r = 0; r < options.manyRuns; r++) {
    const ours = () => phase(`many-files round ${r + 1} hsm-cli`, oneRun);
    const tool = () => phase(`many-files round ${r + 1} pkcs11-tool`, toolRun);
    if (r % 2 === 0) {
      ours();
      tool();
    } else {
      tool();
      ours();
    }
  }
  for (const n of toolNames.slice(0, 5)) {
    if (!readFileSync(join(sigs, `${n}.sig`)).equals(readFileSync(join(toolSigs, `${n}.sig`)))) {
      throw new MeasurementError(`hsm-cli sign (many) and pkcs11-tool made different signatures of ${n}`);
    }
  }
  log(`  many-files rounds done (${options.manyRuns} each)`);

  const nodeE0 = summarize(samples.nodeE0);
  const signOne = summarize(samples.signOne);
  return {
    nodeE0,
    explain: summarize(samples.explain),
    signOne,
    signOneMinusNode: summarize(samples.signOne.map((ms, i) => ms - samples.nodeE0[i])),
    signOneSourcesMinusNode: summarize(samples.signOneSources.map((ms, i) => ms - samples.nodeE0[i])),
    pkcs11ToolOne: summarize(samples.pkcs11ToolOne),
    many: { files: names.length, ours: summarize(manyOurs), toolProcesses: toolNames.length, tool: summarize(manyTool), scaled: toolNames.length !== names.length },
  };
}
