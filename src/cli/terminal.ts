/**
 * Talking to a person at a terminal: a no-echo secret prompt, a y/N question, a progress spinner.
 * Each works only when the stream is a TTY; callers decide what to do otherwise.
 */
import type { Io } from './definition.ts';
import { CliError } from './errors.ts';

/** Reads one line from a TTY without echoing it. Ctrl-C or Ctrl-D abort. */
export function readHidden(io: Io, prompt: string): Promise<string> {
  const { stdin, stderr } = io;
  // Echo off before the prompt appears: a PIN typed (or pasted) the instant the prompt shows must not echo.
  stdin.setRawMode?.(true);
  stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (error?: Error) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003' || char === '\u0004') return done(new CliError('DECLINED', 'cancelled at the prompt'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** Asks a yes/no question on a TTY; anything but y/yes is no. */
export function confirm(io: Io, question: string): Promise<boolean> {
  const { stdin, stderr } = io;
  stderr.write(`${question} [y/N] `);
  return new Promise((resolve) => {
    const onData = (chunk: Buffer | string) => {
      stdin.removeListener('data', onData);
      stdin.pause();
      resolve(/^\s*y(es)?\s*$/i.test(chunk.toString('utf8')));
    };
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** A spinner with elapsed seconds on stderr while `work` runs; nothing when stderr is not a TTY. */
export async function withProgress<T>(io: Io, label: string, work: () => Promise<T>): Promise<T> {
  if (!io.stderr.isTTY) return work();
  const frames = '⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏';
  const started = Date.now();
  let frame = 0;
  const draw = () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.stderr.write(`\r${frames[frame++ % frames.length]} ${label} ${seconds}s`);
  };
  draw();
  const timer = setInterval(draw, 100);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    io.stderr.write('\r\u001b[2K');
  }
}
