import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { license: string; version: string; scripts: Record<string, string> };
const scratch = mkdtempSync(path.join(os.tmpdir(), 'llmspell-release-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('release hygiene', () => {
  it('has an MIT LICENSE matching package.json', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
  });

  it('keeps a Keep a Changelog CHANGELOG.md with an [Unreleased] section', () => {
    const text = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    expect(text).toContain('keepachangelog.com');
    expect(text).toMatch(/^## \[Unreleased\]$/m);
    // Every released section is "## [x.y.z] - YYYY-MM-DD".
    for (const heading of text.match(/^## \[(?!Unreleased).*$/gm) ?? []) expect(heading).toMatch(/^## \[\d+\.\d+\.\d+[^\]]*\] - \d{4}-\d{2}-\d{2}$/);
  });

  it('npm version moves [Unreleased] under the new version in the version commit', () => {
    // A throwaway repository with the real version script, changelog script and changelog.
    const repo = path.join(scratch, 'repo');
    mkdirSync(path.join(repo, 'scripts'), { recursive: true });
    copyFileSync(path.join(ROOT, 'scripts', 'changelog-release.mjs'), path.join(repo, 'scripts', 'changelog-release.mjs'));
    copyFileSync(path.join(ROOT, 'CHANGELOG.md'), path.join(repo, 'CHANGELOG.md'));
    writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'x', version: '1.2.3', type: 'module', scripts: { version: pkg.scripts.version } }, null, 2));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'start');
    // npm commits with git: give it an identity (a CI machine may have none configured).
    const identity = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' };
    execFileSync('npm', ['version', 'minor'], { cwd: repo, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, ...identity } });
    const changelog = readFileSync(path.join(repo, 'CHANGELOG.md'), 'utf8');
    const today = new Date().toISOString().slice(0, 10);
    expect(changelog).toMatch(new RegExp(`## \\[Unreleased\\]\\n\\n## \\[1\\.3\\.0\\] - ${today}\\n\\n### Added\\n- `));
    // The version commit carries the changelog, and the tree is clean after it.
    expect(git('show', '--name-only', '--format=%s', 'HEAD').split('\n')).toEqual(expect.arrayContaining(['1.3.0', 'CHANGELOG.md', 'package.json']));
    expect(git('status', '--porcelain')).toBe('');
    // Releasing the same version again, or with nothing unreleased, is refused.
    const again = (() => {
      try {
        execFileSync('node', ['scripts/changelog-release.mjs'], { cwd: repo, stdio: 'pipe' });
        return '';
      } catch (error) {
        return String((error as { stderr: Buffer }).stderr);
      }
    })();
    expect(again).toContain('already has a section for 1.3.0');
  });
});
