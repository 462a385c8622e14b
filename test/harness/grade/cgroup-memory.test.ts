import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cgroupFreeMemorySampler } from '../../../harness/grade/cgroup-memory.js';

const mib = 1024 * 1024;
const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A fake cgroup mount: each folder (relative to it) with the files given. */
function mount(folders: Record<string, Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'conform-cgroup-'));
  roots.push(root);
  for (const [folder, files] of Object.entries(folders)) {
    mkdirSync(join(root, folder), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, folder, name), text);
  }
  return root;
}

describe('cgroupFreeMemorySampler', () => {
  it('v2: the limit less what is used, page cache not touched lately not counted', () => {
    const root = mount({
      '.': { 'cgroup.controllers': 'cpu memory pids\n' },
      'grader.slice': {
        'memory.max': `${8192 * mib}\n`,
        'memory.current': `${3072 * mib}\n`,
        'memory.stat': `anon ${2048 * mib}\ninactive_file ${1024 * mib}\nactive_file 0\n`,
      },
    });
    expect(cgroupFreeMemorySampler('0::/grader.slice\n', root)()).toBe(6144 * mib);
  });

  it('v2: each look reads the usage anew', () => {
    const root = mount({
      '.': { 'cgroup.controllers': 'memory\n' },
      grader: { 'memory.max': `${1024 * mib}\n`, 'memory.current': `${256 * mib}\n` },
    });
    const look = cgroupFreeMemorySampler('0::/grader\n', root);
    expect(look()).toBe(768 * mib);
    writeFileSync(join(root, 'grader', 'memory.current'), `${1000 * mib}\n`);
    expect(look()).toBe(24 * mib);
  });

  it('v2: the tightest of the cgroup and its ancestors; none where every one says max', () => {
    const root = mount({
      '.': { 'cgroup.controllers': 'memory\n' },
      course: { 'memory.max': `${2048 * mib}\n`, 'memory.current': `${1536 * mib}\n` },
      'course/grader': { 'memory.max': 'max\n', 'memory.current': `${1024 * mib}\n` },
      free: { 'memory.max': 'max\n', 'memory.current': '0\n' },
    });
    expect(cgroupFreeMemorySampler('0::/course/grader\n', root)()).toBe(512 * mib);
    expect(cgroupFreeMemorySampler('0::/free\n', root)()).toBeUndefined();
  });

  it("v1: the memory controller's line, and the container's own cgroup shown as the mount's root", () => {
    const root = mount({
      memory: {
        'memory.limit_in_bytes': `${4096 * mib}\n`,
        'memory.usage_in_bytes': `${1024 * mib}\n`,
        'memory.stat': `cache 0\ntotal_inactive_file ${512 * mib}\n`,
      },
    });
    // The path /proc/self/cgroup names is the host's; inside the container it is the mount's root.
    const cgroup = '9:pids:/docker/abc\n4:cpuacct,memory:/docker/abc\n0::/\n';
    expect(cgroupFreeMemorySampler(cgroup, root)()).toBe(3584 * mib);
  });

  it('v1: a limit the kernel writes for none is none', () => {
    const root = mount({
      memory: { 'memory.limit_in_bytes': '9223372036854771712\n', 'memory.usage_in_bytes': '1\n' },
    });
    expect(cgroupFreeMemorySampler('4:memory:/\n', root)()).toBeUndefined();
  });

  it('none where there is no cgroup file or no memory controller', () => {
    expect(cgroupFreeMemorySampler('', mount({}))()).toBeUndefined();
    expect(cgroupFreeMemorySampler('0::/\n', mount({}))()).toBeUndefined();
  });
});
