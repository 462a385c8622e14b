import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSandbox } from '../../../harness/config/resolve-sandbox.js';
import { procPlatform } from '../../../harness/platform/proc/proc-platform.js';
import { runBuild } from '../../../harness/supervisor/run-build.js';
import { IsolationUnavailable, Sandbox } from '../../../harness/supervisor/sandbox/sandbox.js';
import { ServerProcess } from '../../../harness/supervisor/server-process.js';
import { processesMentioning } from '../../support/processes.js';
import { pythonExecutable } from '../../support/toolchains.js';
import { withDeadline } from '../../support/wait.js';

// A grader's home with a secret, a class folder beside it, and a submission's work folder.
let root: string;
let home: string;
let classDir: string;
let work: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'conform-confine-'));
  home = join(root, 'home');
  classDir = join(root, 'class');
  work = join(root, 'work');
  for (const folder of [home, join(classDir, 'bob'), work]) mkdirSync(folder, { recursive: true });
  writeFileSync(join(home, 'token'), 'secret');
  mkdirSync(join(home, 'shared'));
  writeFileSync(join(home, 'shared', 'data'), 'shared');
  writeFileSync(join(classDir, 'bob', 'server.py'), 'print("bob")\n');
  writeFileSync(join(work, 'data.txt'), 'mine');
  writeFileSync(join('/tmp', hostMarker), '');
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(join('/tmp', hostMarker), { force: true });
});

/** A file in the machine's /tmp, which no confined server may see. */
const hostMarker = `conform-host-file-${process.pid}`;

/** The view is made by perl where it is installed, by the shell's programs otherwise: both are tried. */
type ViewMaker = 'perl' | 'shell';
let maker: ViewMaker = 'perl';

function prepare(diskMb = 64): Sandbox {
  const request = resolveSandbox(
    { disk: String(diskMb), hide: [classDir] },
    { env: { ...process.env, HOME: home }, cwd: work },
  );
  return Sandbox.prepare(
    maker === 'perl' ? request : { ...request, tools: { ...request.tools, perl: undefined } },
  );
}

const here = resolveSandbox({}, { env: process.env, cwd: tmpdir() });
const confined = Sandbox.prepare(here).confined;
const skip = confined
  ? undefined
  : 'servers cannot be confined here (it needs root, or unprivileged user namespaces)';

/** Runs Python `code` confined in the work folder; its stdout is one JSON object of what it saw. */
async function inSandbox(
  code: string,
  box = prepare(),
): Promise<{ seen: Record<string, unknown>; process: ServerProcess }> {
  const marker = `confine-${Math.random().toString(36).slice(2)}`;
  const server = ServerProcess.spawn(
    {
      file: pythonExecutable(),
      args: ['-c', code, marker],
      env: { PATH: process.env.PATH ?? '', HOME: home },
      cwd: work,
    },
    procPlatform,
    box,
  );
  try {
    await withDeadline(server.exited, 20_000, 'the confined program ended');
    const text = server.stdout.text().trim();
    return { seen: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>), process: server };
  } finally {
    await server.stop();
    expect(processesMentioning(marker)).toEqual([]);
  }
}

/** A build step of `script`, confined, in the work folder. */
function confinedBuild(script: string): ReturnType<typeof runBuild> {
  return runBuild({
    command: ['sh', '-c', script],
    timeoutMs: 20_000,
    cwd: work,
    env: { PATH: process.env.PATH ?? '', HOME: home },
    signal: new AbortController().signal,
    platform: procPlatform,
    sandbox: prepare(),
  });
}

const attempts = (classmate: string): string => `
import json, os, ctypes
seen = {}
def attempt(name, action):
    try:
        seen[name] = action()
    except OSError as error:
        seen[name] = error.strerror
attempt("own file", lambda: open("data.txt").read())
attempt("own write", lambda: open("new.txt", "w").write("x"))
attempt("home", lambda: sorted(os.listdir(os.environ["HOME"])))
attempt("home token", lambda: open(os.path.join(os.environ["HOME"], "token")).read())
attempt("home write", lambda: open(os.path.join(os.environ["HOME"], ".cache"), "w").write("x"))
attempt("classmate", lambda: open(${JSON.stringify(classmate)}).read())
attempt("etc write", lambda: open("/etc/conform-was-here", "w").write("x"))
attempt("tmp", lambda: sorted(os.listdir("/tmp")))
attempt("tmp write", lambda: open("/tmp/conform-was-here", "w").write("x"))
attempt("run", lambda: sorted(os.listdir("/run")))
attempt("processes", lambda: len([p for p in os.listdir("/proc") if p.isdigit()]))
libc = ctypes.CDLL(None, use_errno=True)
seen["umount"] = os.strerror(ctypes.get_errno()) if libc.umount2(os.environ["HOME"].encode(), 2) != 0 else "unmounted"
print(json.dumps(seen))
`;

for (const viewMaker of ['perl', 'shell'] as const) {
  const why =
    skip ?? (viewMaker === 'perl' && here.tools.perl === undefined ? 'perl is not installed' : undefined);
  describe.skipIf(why !== undefined)(
    `a confined server's filesystem, made by ${viewMaker}${why === undefined ? '' : ` (skipped: ${why})`}`,
    () => {
      beforeAll(() => {
        maker = viewMaker;
      });

      it('is made by the way asked for', () => {
        expect(prepare().viewMadeBy).toBe(viewMaker);
      });

      it('reads and writes its own folder, and nothing of what it writes reaches the disk', async () => {
        const { seen } = await inSandbox(attempts(join(classDir, 'bob', 'server.py')));
        expect(seen['own file']).toBe('mine');
        expect(seen['own write']).toBe(1);
        expect(readdirSync(work)).toEqual(['data.txt']);
      });

      it('sees an empty home of its own, no classmate, a /tmp of its own and its own processes only', async () => {
        const { seen } = await inSandbox(attempts(join(classDir, 'bob', 'server.py')));
        expect(seen.home).toEqual([]);
        expect(seen['home token']).toBe('No such file or directory');
        expect(seen['home write']).toBe(1);
        expect(seen.classmate).toBe('No such file or directory');
        expect(seen.tmp).not.toContain(hostMarker);
        expect(seen['tmp write']).toBe(1);
        // The machine's services' sockets are in /run.
        expect(seen.run).toEqual([]);
        // Its shell, the shell's watch on conform, the interpreter, and nothing of the machine's.
        expect(seen.processes).toBeLessThanOrEqual(4);
        expect(existsSync('/tmp/conform-was-here')).toBe(false);
        expect(readdirSync(home).sort()).toEqual(['shared', 'token']);
      });

      it('writes nowhere else and cannot undo its view', async () => {
        const { seen } = await inSandbox(attempts(join(classDir, 'bob', 'server.py')));
        expect(seen['etc write']).toBe('Read-only file system');
        expect(seen.umount).toBe('Operation not permitted');
        expect(existsSync('/etc/conform-was-here')).toBe(false);
      });

      it('reads a folder of the home that is exposed, and nothing else of the home', async () => {
        const request = resolveSandbox(
          { hide: [classDir], expose: [join(home, 'shared')] },
          { env: { ...process.env, HOME: home }, cwd: work },
        );
        const box = Sandbox.prepare(
          maker === 'perl' ? request : { ...request, tools: { ...request.tools, perl: undefined } },
        );
        const { seen } = await inSandbox(attempts(join(home, 'shared', 'data')), box);
        expect(seen.classmate).toBe('shared');
        expect(seen['home token']).toBe('No such file or directory');
        expect(seen['home write']).toBe(1);
      });

      it('is stopped when it has written all it may, with the limit named', async () => {
        const fill = 'f = open("/tmp/fill", "wb")\nwhile True: f.write(b"x" * 65536); f.flush()';
        const { process } = await inSandbox(
          `import time\ntry:\n    exec(${JSON.stringify(fill)})\nexcept OSError:\n    time.sleep(60)`,
          prepare(8),
        );
        expect(process.exit?.signal).toBe('SIGKILL');
        expect(process.limitsReached()).toEqual([
          'wrote all it may write, 8 MiB across its folder, /tmp and home (--disk), and conform stopped it',
        ]);
      });

      it('runs a build confined, and keeps what it wrote in its folder once it succeeds', async () => {
        const build = await confinedBuild(
          'echo built > program && mkdir -p out && echo x > out/file && echo y > /tmp/elsewhere',
        );
        try {
          expect(build.ok, build.stderr).toBe(true);
          expect(readFileSync(join(work, 'program'), 'utf8')).toBe('built\n');
          expect(readFileSync(join(work, 'out', 'file'), 'utf8')).toBe('x\n');
          expect(existsSync('/tmp/elsewhere')).toBe(false);
        } finally {
          rmSync(join(work, 'program'), { force: true });
          rmSync(join(work, 'out'), { recursive: true, force: true });
        }
      });

      it('keeps nothing of a build that fails', async () => {
        const build = await confinedBuild('echo half > program; exit 1');
        expect(build.ok).toBe(false);
        expect(existsSync(join(work, 'program'))).toBe(false);
      });
    },
  );
}

describe('where servers cannot be confined', () => {
  const request = resolveSandbox({}, { env: process.env, cwd: tmpdir() });
  const without = { ...request, tools: { ...request.tools, setpriv: undefined } };

  it('runs them anyway and says in one line what is missing (--isolate auto)', () => {
    const box = Sandbox.prepare(without);
    expect(box.confined).toBe(false);
    expect(box.report.files).toBe('not confined');
    expect(box.report.note).toMatch(
      /servers' files are not confined: setpriv \(util-linux\) is not installed/,
    );
    expect(box.report.note).not.toContain('\n');
  });

  it('runs nothing with --isolate on', () => {
    expect(() => Sandbox.prepare({ ...without, isolate: 'on' })).toThrow(IsolationUnavailable);
  });

  it('says nothing with --isolate off', () => {
    expect(Sandbox.prepare({ ...without, isolate: 'off' }).report.note).toBeUndefined();
  });
});
