import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT, tempDir } from './job';

const BIN = path.join(ROOT, 'bin/fleetmocker.js');

/** What the built CLI printed and how it exited. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a user would: in a folder of its own (a fresh
 * temp folder unless given) and with only PATH and the given environment.
 */
export function fleetmocker(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  cwd = tempDir('fleetmocker-cli-'),
): CliRun {
  const child = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Fails a suite early, with the fix, when the CLI has not been built. */
export function requireBuiltCli(): void {
  if (!existsSync(path.join(ROOT, 'dist/cli.js'))) {
    throw new Error(
      'dist/cli.js is missing: run npm run build (npm test does)',
    );
  }
}
