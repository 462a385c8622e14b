import { join, relative, sep } from 'node:path';
import { within } from './within.js';

/** One step of making a server's view of the filesystem, run in its mount namespace before it starts. */
export type MountStep =
  /** Every mount there is becomes read-only. */
  | { readonly op: 'ro' }
  | { readonly op: 'tmpfs'; readonly target: string; readonly sizeKib: number }
  | { readonly op: 'dir'; readonly mode: string; readonly path: string }
  | { readonly op: 'own'; readonly uid: number; readonly gid: number; readonly path: string }
  /** Shows `source` at `target` too, read-only if `source` is. */
  | { readonly op: 'bind'; readonly source: string; readonly target: string }
  | { readonly op: 'rw'; readonly target: string }
  | {
      readonly op: 'overlay';
      readonly lower: string;
      readonly upper: string;
      readonly work: string;
      readonly target: string;
    }
  /** A /proc of the server's own pid namespace. */
  | { readonly op: 'proc' }
  /** The namespace's first process keeps its way to the stage, which the server never sees. */
  | { readonly op: 'cd'; readonly path: string };

/** What a confined server (or build) sees, all paths real (symbolic links resolved) and existing. */
export interface ConfinedView {
  /** An empty folder conform made, where the server's own files are put together. */
  readonly stage: string;
  /** The server's folder, writable: its writes go to a layer of its own and end with it. */
  readonly work: { readonly path: string; readonly mode: number };
  /** Folders it must not see: each shows as an empty folder of its own. */
  readonly hidden: readonly string[];
  /** The grader's home, one of `hidden`: the server may write there, as in its own home. */
  readonly home: string | undefined;
  /** Shared writable folders (/tmp, /var/tmp, /dev/shm, /run): each server gets empty ones of its own. */
  readonly privateDirs: readonly string[];
  /** Folders it may read though they are in a hidden one (its interpreter under the grader's home). */
  readonly exposed: readonly string[];
  /** What it may write in all, across its folder, /tmp and home. */
  readonly sizeKib: number;
  /** The user the server runs as, where conform is root: the writable places become its. */
  readonly runAs: { readonly uid: number; readonly gid: number } | undefined;
  /** A build's writes are copied back into the folder once it succeeds; a server's are dropped. */
  readonly role: 'server' | 'build';
}

/** Where things are put together inside the stage; the namespace's first process knows these names. */
export const stageNames = {
  lower: 'lower',
  upper: 'upper',
  overlayWork: 'overlay-work',
  merged: 'merged',
  out: 'out',
} as const;

interface Target {
  readonly path: string;
  readonly source: string;
  readonly kind: 'cover' | 'work' | 'expose';
}

const order = { cover: 0, work: 1, expose: 2 } as const;

function depth(path: string): number {
  return path === sep ? 0 : path.split(sep).length - 1;
}

/**
 * The steps that give a server its view: everything read-only; a tmpfs of `sizeKib` holding all it
 * may write; its folder as an overlay whose upper layer is on that tmpfs; an empty folder of its own
 * over each hidden and each shared writable one; its toolchains shown again inside hidden ones; and
 * a /proc of its own. Folders are mounted outermost first, so a folder inside a hidden one (its work
 * copy under the class's output folder) is shown on a mount point made in the hiding folder.
 */
export function mountPlan(view: ConfinedView): MountStep[] {
  // Inside the stage, paths are relative to it: the first process stays there, and its way to the
  // stage holds once a covering folder (the private /tmp) hides the stage's own path.
  const stage = (...names: string[]): string => `./${join(...names)}`;
  // A folder is hidden by the innermost of the folders around it that the plan mounts.
  const covers: { path: string; private: boolean }[] = view.privateDirs
    .filter((path) => path !== sep)
    .map((path) => ({ path, private: true }));
  const innermost = (path: string, others: readonly string[]): string | undefined =>
    others.filter((other) => other !== path && within(path, other)).sort((a, b) => depth(b) - depth(a))[0];
  const isCover = (path: string | undefined): boolean => covers.some((cover) => cover.path === path);
  const shownFolders = [view.work.path, ...view.exposed];
  for (const path of [...view.hidden, view.stage].sort((a, b) => depth(a) - depth(b))) {
    const around = innermost(path, [...covers.map((cover) => cover.path), ...shownFolders]);
    // The home is shown, empty, wherever it is: HOME names it.
    if (path === sep || isCover(path) || (isCover(around) && path !== view.home)) continue;
    covers.push({ path, private: false });
  }
  // What lies in the work folder is shown by it, writable: a read-only copy must not cover it.
  const exposed = [...new Set(view.exposed)].filter(
    (path) =>
      !within(path, view.work.path) &&
      isCover(innermost(path, [...covers.map((cover) => cover.path), ...shownFolders])),
  );

  const targets: Target[] = [
    ...covers.map((cover, index) => ({
      path: cover.path,
      source: stage('cover', String(index)),
      kind: 'cover' as const,
    })),
    { path: view.work.path, source: stage(stageNames.merged), kind: 'work' as const },
    ...exposed.map((path, index) => ({
      path,
      source: stage('keep', String(index)),
      kind: 'expose' as const,
    })),
  ].sort((a, b) => depth(a.path) - depth(b.path) || order[a.kind] - order[b.kind]);

  const dirs: MountStep[] = [
    { op: 'dir', mode: octal(view.work.mode), path: stage(stageNames.upper) },
    ...[stageNames.lower, stageNames.overlayWork, stageNames.merged].map((name) => dir('755', stage(name))),
    ...(view.role === 'build' ? [dir('755', stage(stageNames.out))] : []),
    ...exposed.map((_, index) => dir('755', stage('keep', String(index)))),
    ...covers.map((cover, index) => dir(cover.private ? '1777' : '755', stage('cover', String(index)))),
  ];
  // A folder shown inside a hiding one needs a mount point there.
  targets.forEach((target, index) => {
    const container = targets
      .slice(0, index)
      .reverse()
      .find((earlier) => within(target.path, earlier.path));
    if (container?.kind !== 'cover' || container.path === target.path) return;
    dirs.push(dir('755', join(container.source, relative(container.path, target.path))));
  });
  const owned =
    view.runAs === undefined
      ? []
      : [
          stage(stageNames.upper),
          ...covers
            .map((cover, index) => ({ cover, index }))
            .filter(({ cover }) => cover.path === view.home)
            .map(({ index }) => stage('cover', String(index))),
        ].map((path): MountStep => ({
          op: 'own',
          uid: view.runAs?.uid ?? 0,
          gid: view.runAs?.gid ?? 0,
          path,
        }));

  return [
    { op: 'ro' },
    { op: 'tmpfs', target: view.stage, sizeKib: view.sizeKib },
    { op: 'cd', path: view.stage },
    ...dirs,
    ...owned,
    { op: 'bind', source: view.work.path, target: stage(stageNames.lower) },
    ...(view.role === 'build'
      ? [
          { op: 'bind', source: view.work.path, target: stage(stageNames.out) } as const,
          { op: 'rw', target: stage(stageNames.out) } as const,
        ]
      : []),
    ...exposed.map((path, index): MountStep => ({
      op: 'bind',
      source: path,
      target: stage('keep', String(index)),
    })),
    {
      op: 'overlay',
      lower: stage(stageNames.lower),
      upper: stage(stageNames.upper),
      work: stage(stageNames.overlayWork),
      target: stage(stageNames.merged),
    },
    ...targets.map((target): MountStep => ({ op: 'bind', source: target.source, target: target.path })),
    { op: 'proc' },
  ];
}

function dir(mode: string, path: string): MountStep {
  return { op: 'dir', mode, path };
}

function octal(mode: number): string {
  return (mode & 0o7777).toString(8);
}

/** The steps as the words the namespace's first process reads: each step's name, then its values. */
export function stepWords(steps: readonly MountStep[]): string[] {
  return steps.flatMap((step): string[] => {
    switch (step.op) {
      case 'ro':
      case 'proc':
        return [step.op];
      case 'tmpfs':
        return [step.op, step.target, String(step.sizeKib)];
      case 'dir':
        return [step.op, step.mode, step.path];
      case 'own':
        return [step.op, String(step.uid), String(step.gid), step.path];
      case 'bind':
        return [step.op, step.source, step.target];
      case 'rw':
        return [step.op, step.target];
      case 'overlay':
        return [step.op, step.lower, step.upper, step.work, step.target];
      case 'cd':
        return [step.op, step.path];
    }
  });
}
