// Builds the web app into target/classes/coop-web (packed into the jar the node serves it from):
// compiles the ledger schema (governance/src/main/proto) to a static protobuf module (no eval at
// run time, so a strict Content-Security-Policy holds), bundles and minifies with esbuild.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const protoDir = join(here, '..', 'governance', 'src', 'main', 'proto', 'coopledger', 'v1');
const gen = join(here, 'src', 'main', 'js', 'gen');
// COOP_WEB_OUT: somewhere else to build to (a dev server), leaving the Maven build's output alone.
const out = process.env.COOP_WEB_OUT || join(here, 'target', 'classes', 'coop-web');

mkdirSync(gen, { recursive: true });
const protos = readdirSync(protoDir).filter((f) => f.endsWith('.proto')).map((f) => join(protoDir, f));
execFileSync(
  process.execPath,
  [join(here, 'node_modules', 'protobufjs-cli', 'bin', 'pbjs'), '-t', 'static-module', '-w', 'es6', '--no-create',
    '--no-verify', '--no-convert', '--no-delimited', '--no-service', '--no-comments', '-o', join(gen, 'ledger.js'), ...protos],
  { stdio: 'inherit' },
);

// Scripts and styles get content-hashed names under assets/ so the node can let browsers cache them
// for good; index.html (never cached) names the current ones.
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'assets'), { recursive: true });
const result = await esbuild.build({
  entryPoints: { app: join(here, 'src', 'main', 'js', 'main.jsx') },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2022'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outdir: join(out, 'assets'),
  entryNames: '[name]-[hash]',
  legalComments: 'linked',
  metafile: true,
  logLevel: 'warning',
});
const built = Object.keys(result.metafile.outputs).map((f) => f.split('/').pop());
const script = built.find((f) => f.endsWith('.js'));
const style = built.find((f) => f.endsWith('.css'));
const static_ = join(here, 'src', 'main', 'static');
const html = readFileSync(join(static_, 'index.html'), 'utf8')
  .replace('app.js', 'assets/' + script)
  .replace('app.css', 'assets/' + style);
writeFileSync(join(out, 'index.html'), html);
copyFileSync(join(static_, 'favicon.svg'), join(out, 'favicon.svg'));
console.log(`build.mjs: built the web app into ${out} (${script}, ${style})`);
