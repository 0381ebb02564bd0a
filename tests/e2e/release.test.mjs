// The release artifacts as a site owner without Rust uses them: each is installed into an empty
// folder with cargo, rustc and wasm-pack off the PATH and none of this project's node_modules,
// builds a small static site, and the site is searched in Chromium. Needs `make release`
// (scripts/test.sh runs it first).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { REPO_ROOT } from './harness.mjs';
import { tempSite, searchSite } from './static-site.mjs';

const VERSION = fs.readFileSync(path.join(REPO_ROOT, 'Cargo.toml'), 'utf8').match(/\[workspace\.package\][^[]*?\nversion = "([^"]+)"/)[1];
const ARTIFACTS = path.join(REPO_ROOT, 'target/release-artifacts');
const TARBALL = path.join(ARTIFACTS, `faq-search-${VERSION}-x86_64-unknown-linux-gnu.tar.gz`);
const NPM_PACKAGE = path.join(ARTIFACTS, `faq-search-${VERSION}.tgz`);

/** An environment without the Rust toolchain, the project's tools or its node_modules. */
function bareEnv(home) {
  const PATH = (process.env.PATH ?? '')
    .split(':')
    .filter((dir) => dir && !/cargo|rustup|wasm|node_modules/.test(dir) && !dir.startsWith(REPO_ROOT))
    .join(':');
  const env = { PATH, HOME: home, LANG: 'C.UTF-8', npm_config_cache: path.join(home, '.npm'), npm_config_update_notifier: 'false' };
  const found = spawnSync('sh', ['-c', 'command -v cargo || command -v rustc || command -v wasm-pack'], { env, encoding: 'utf8' });
  assert.notEqual(found.status, 0, `the toolchain is still on the PATH: ${found.stdout}`);
  return env;
}

function artifact(file) {
  assert.ok(fs.existsSync(file), `${path.relative(REPO_ROOT, file)} is missing: run make release (scripts/release.sh) first`);
  return file;
}

test('the Linux archive: index-builder alone builds a site that searches', async () => {
  const site = tempSite('fqs-release-tar-');
  try {
    const env = bareEnv(site.dir);
    execFileSync('tar', ['-xzf', artifact(TARBALL), '-C', site.dir], { env });
    const folder = path.join(site.dir, `faq-search-${VERSION}-x86_64-unknown-linux-gnu`);
    for (const f of ['index-builder', 'README.md', 'LICENSE-MIT', 'LICENSE-APACHE']) assert.ok(fs.existsSync(path.join(folder, f)), `${f} is in the archive`);
    const bin = path.join(folder, 'index-builder');
    assert.equal(execFileSync(bin, ['--version'], { env, encoding: 'utf8' }).trim(), `index-builder ${VERSION}`);
    const out = execFileSync(bin, ['build', 'public/', '--out', 'public/search'], { cwd: site.dir, env, encoding: 'utf8' });
    assert.match(out, /<script src="\/search\/faq-search\.js" defer><\/script>/);
    const { titles } = await searchSite(site.publicDir);
    assert.equal(titles[0], 'How refunds work');
  } finally {
    site.close();
  }
});

test('the npm package: npx faq-search builds a site that searches', async () => {
  const site = tempSite('fqs-release-npm-');
  try {
    const env = bareEnv(site.dir);
    fs.writeFileSync(path.join(site.dir, 'package.json'), JSON.stringify({ name: 'my-site', private: true }) + '\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', '--loglevel=error', artifact(NPM_PACKAGE)], { cwd: site.dir, env, stdio: 'pipe' });
    const installed = JSON.parse(fs.readFileSync(path.join(site.dir, 'node_modules/faq-search/package.json'), 'utf8'));
    assert.equal(installed.version, VERSION);
    assert.deepEqual(fs.readdirSync(path.join(site.dir, 'node_modules')).filter((n) => !n.startsWith('.')), ['faq-search'], 'no dependencies come along');
    assert.equal(execFileSync('npx', ['--offline', 'faq-search', '--version'], { cwd: site.dir, env, encoding: 'utf8' }).trim(), `index-builder ${VERSION}`);
    const out = execFileSync('npx', ['--offline', 'faq-search', 'build', 'public/', '--out', 'public/search'], { cwd: site.dir, env, encoding: 'utf8' });
    assert.match(out, /<script src="\/search\/faq-search\.js" defer><\/script>/);
    // Its exit status is index-builder's.
    const bad = spawnSync('npx', ['--offline', 'faq-search', 'build', 'missing/', '--out', 'x'], { cwd: site.dir, env, encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /index-builder: error: .*missing/);
    const { titles } = await searchSite(site.publicDir);
    assert.equal(titles[0], 'How refunds work');
  } finally {
    site.close();
  }
});
