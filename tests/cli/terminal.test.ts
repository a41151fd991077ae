/**
 * What only happens on a terminal, under a real pseudo-terminal (util-linux `script`): the no-echo PIN
 * prompt, the y/N question of delete-key, and the progress line of gen-keypair.
 */
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, createHsm, NODE, USER_PIN, type Hsm } from './helpers/softhsm.ts';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
let hsm: Hsm;
const T = 'tty';

/** Runs hsm-cli on a pty; each time the output ends with a prompt, types the next answer. */
function onTerminal(args: string[], answers: { after: RegExp; type: string }[] = []): Promise<{ status: number; output: string }> {
  const command = [NODE, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: hsm.dir, env: { ...hsm.env, TERM: 'dumb' } });
  let output = '';
  const pending = [...answers];
  child.stdout.on('data', (chunk) => {
    output += String(chunk);
    if (pending[0] && pending[0].after.test(output)) child.stdin.write(pending.shift()!.type);
  });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status: status ?? -1, output })));
}

beforeAll(() => {
  hsm = createHsm();
  hsm.token(T);
});
afterAll(() => hsm.cleanup());

describe.skipIf(!hasScript)('on a terminal', () => {
  it('prompts for the user PIN without echoing it', async () => {
    const optional = await onTerminal(['list-objects', '--label', T, '--json']);
    expect(optional.output).toContain('"loggedIn": false'); // list-objects never prompts: the PIN is optional there
    const prompted = await onTerminal(['find-key', '--label', T, '--key-label', 'none'], [{ after: /User PIN for token "tty": $/, type: `${USER_PIN}\r` }]);
    expect(prompted.output).toContain('User PIN for token "tty": ');
    expect(prompted.output).toContain('No object labelled "none"');
    expect(prompted.output).not.toContain(USER_PIN);
    expect(prompted.status).toBe(3);
  });

  it('shows a progress line with elapsed time while generating a key', async () => {
    const run = await onTerminal(['gen-keypair', '--label', T, '--key-type', 'rsa', '--key-size', '3072', '--key-label', 'slow'], [
      { after: /User PIN for token "tty": $/, type: `${USER_PIN}\r` },
    ]);
    expect(run.status).toBe(0);
    expect(run.output).toMatch(/generating RSA 3072 key pair \d+\.\ds/);
    expect(run.output).toContain('Generated RSA 3072 key pair "slow"');
  });

  it('delete-key asks y/N: no keeps the key (exit 5), yes deletes it', async () => {
    const pin = { after: /User PIN for token "tty": $/, type: `${USER_PIN}\r` };
    const no = await onTerminal(['delete-key', '--label', T, '--key-label', 'slow'], [pin, { after: /\[y\/N\] $/, type: 'n\r' }]);
    expect(no.status).toBe(5);
    expect(no.output).toContain('Delete 2 objects labelled "slow" from token "tty"? [y/N]');
    expect(no.output).toContain('declined: did not delete');
    const yes = await onTerminal(['delete-key', '--label', T, '--key-label', 'slow'], [pin, { after: /\[y\/N\] $/, type: 'y\r' }]);
    expect(yes.status).toBe(0);
    expect(yes.output).toContain('Deleted 2 objects labelled "slow"');
  });
});
