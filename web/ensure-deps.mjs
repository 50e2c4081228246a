// Runs `npm ci` only when node_modules does not already hold exactly what package-lock.json pins
// (the contracts module does the same), so repeated builds do not reinstall.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const marker = join(here, 'node_modules', '.coopledger-lock-sha256');
const want = createHash('sha256').update(readFileSync(join(here, 'package-lock.json'))).digest('hex');
if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === want) {
  console.log('ensure-deps.mjs: node_modules matches package-lock.json, skipping npm ci');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('ensure-deps.mjs: npm ci failed' + (result.error ? ': ' + result.error.message : ''));
  process.exit(1);
}
writeFileSync(marker, want + '\n');
