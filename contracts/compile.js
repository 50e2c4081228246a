#!/usr/bin/env node
// Compiles CheckpointAnchor.sol with the pinned npm `solc` through its Node API, because the
// solcjs command line cannot pin evmVersion (the local chain runs shanghai, and newer EVM
// versions emit opcodes it rejects).
//
//   node compile.js          writes the ABI and bytecode into src/main/resources
//   node compile.js --check  compiles and fails if the committed ABI or bytecode differ
'use strict';
const fs = require('fs');
const path = require('path');
const solc = require('solc');

const NAME = 'CheckpointAnchor';
const SOURCE = path.join(__dirname, 'src/main/solidity', NAME + '.sol');
const OUT_DIR = path.join(__dirname, 'src/main/resources/org/coopledger/contracts');
const ABI_FILE = path.join(OUT_DIR, NAME + '.abi.json');
const BIN_FILE = path.join(OUT_DIR, NAME + '.bin');

const input = {
  language: 'Solidity',
  // The source key is fixed (not the file system path) so the metadata hash embedded in the
  // bytecode is the same on every machine.
  sources: { [NAME + '.sol']: { content: fs.readFileSync(SOURCE, 'utf8').replace(/\r\n/g, '\n') } },
  settings: {
    evmVersion: 'shanghai',
    // anchor() runs for the life of a ledger while deployment happens once: optimize for calls.
    optimizer: { enabled: true, runs: 10000 },
    outputSelection: { '*': { [NAME]: ['abi', 'evm.bytecode.object'] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const problems = output.errors || [];
for (const p of problems) {
  console.error(p.formattedMessage || p.message);
}
if (problems.some((p) => p.severity === 'error')) {
  console.error('compile.js: ' + NAME + '.sol does not compile');
  process.exit(1);
}
const contract = output.contracts[NAME + '.sol'][NAME];
const abi = JSON.stringify(contract.abi, null, 2) + '\n';
const bin = contract.evm.bytecode.object + '\n';

if (process.argv.includes('--check')) {
  const stale = [
    [ABI_FILE, abi],
    [BIN_FILE, bin],
  ].filter(([file, fresh]) => !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== fresh);
  if (stale.length > 0) {
    for (const [file] of stale) {
      console.error('compile.js: ' + path.relative(__dirname, file) + ' does not match ' + NAME + '.sol');
    }
    console.error('compile.js: run `npm run compile` in contracts/ (or `node compile.js`) and commit the result');
    process.exit(1);
  }
  console.log('compile.js: committed ABI and bytecode match ' + NAME + '.sol (solc ' + solc.version() + ', evm shanghai)');
} else {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.writeFileSync(ABI_FILE, abi);
  fs.writeFileSync(BIN_FILE, bin);
  console.log('compile.js: wrote ' + path.relative(__dirname, ABI_FILE) + ' and ' + path.relative(__dirname, BIN_FILE) + ' (solc ' + solc.version() + ')');
}
