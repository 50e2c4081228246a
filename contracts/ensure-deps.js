#!/usr/bin/env node
// Runs `npm ci` only when node_modules does not already hold exactly what package-lock.json
// pins, so builds after the first one do not reinstall ganache and solc (CI time).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const lock = path.join(__dirname, 'package-lock.json');
const marker = path.join(__dirname, 'node_modules', '.coopledger-lock-sha256');
const want = crypto.createHash('sha256').update(fs.readFileSync(lock)).digest('hex');
const have = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : '';

if (have === want && fs.existsSync(path.join(__dirname, 'node_modules', '.bin', 'ganache'))) {
  console.log('ensure-deps.js: node_modules matches package-lock.json, skipping npm ci');
  process.exit(0);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: __dirname, stdio: 'inherit' });
if (result.status !== 0) {
  console.error('ensure-deps.js: npm ci failed' + (result.error ? ': ' + result.error.message : ''));
  process.exit(1);
}
fs.writeFileSync(marker, want + '\n');
