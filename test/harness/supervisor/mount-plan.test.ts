import { describe, expect, it } from 'vitest';
import {
  mountPlan,
  stepWords,
  type ConfinedView,
  type MountStep,
} from '../../../harness/supervisor/sandbox/mount-plan.js';

const view: ConfinedView = {
  stage: '/tmp/conform-stage-x',
  work: { path: '/home/grader/course/conform-grades/submissions/alice/work', mode: 0o40755 },
  hidden: ['/home/grader', '/home/grader/course/class', '/home/grader/course/conform-grades'],
  home: '/home/grader',
  privateDirs: ['/tmp', '/var/tmp', '/dev/shm'],
  exposed: [
    '/home/grader/.pyenv',
    '/usr/lib/jvm',
    '/home/grader/course/conform-grades/submissions/alice/work/venv',
  ],
  sizeKib: 1024 * 1024,
  runAs: undefined,
  role: 'server',
};

/** Where each folder the server sees comes from, in the order the plan shows them. */
function shown(steps: readonly MountStep[]): [string, string][] {
  const overlay = steps.findIndex((step) => step.op === 'overlay');
  return steps
    .slice(overlay + 1)
    .filter((step): step is Extract<MountStep, { op: 'bind' }> => step.op === 'bind')
    .map((step) => [step.target, step.source]);
}

describe('the view a confined server is given', () => {
  it('makes everything read-only first, then puts what the server may write on one tmpfs of its limit', () => {
    const steps = mountPlan(view);
    expect(steps.slice(0, 3)).toEqual([
      { op: 'ro' },
      { op: 'tmpfs', target: '/tmp/conform-stage-x', sizeKib: 1024 * 1024 },
      { op: 'cd', path: '/tmp/conform-stage-x' },
    ]);
    expect(steps).toContainEqual({
      op: 'overlay',
      lower: './lower',
      upper: './upper',
      work: './overlay-work',
      target: './merged',
    });
    expect(steps).toContainEqual({ op: 'bind', source: view.work.path, target: './lower' });
    expect(steps.at(-1)).toEqual({ op: 'proc' });
  });

  it('hides each hidden folder and shared writable one, outermost first, then shows the work folder and toolchains inside them', () => {
    expect(shown(mountPlan(view))).toEqual([
      ['/tmp', './cover/0'],
      ['/var/tmp', './cover/1'],
      ['/dev/shm', './cover/2'],
      ['/home/grader', './cover/3'],
      ['/home/grader/.pyenv', './keep/0'],
      ['/home/grader/course/conform-grades/submissions/alice/work', './merged'],
    ]);
  });

  it('leaves out a hidden folder inside another, and shows nothing that was visible anyway', () => {
    const steps = mountPlan(view);
    const targets = shown(steps).map(([target]) => target);
    expect(targets).not.toContain('/home/grader/course/class');
    expect(targets).not.toContain('/usr/lib/jvm');
    // A toolchain inside the work folder is there already.
    expect(targets).not.toContain(view.exposed[2]);
    // The work folder itself, named by the command (its script), stays writable.
    const named = shown(mountPlan({ ...view, exposed: [...view.exposed, view.work.path] }));
    expect(named.filter(([target]) => target === view.work.path)).toEqual([[view.work.path, './merged']]);
    // The stage lies in /tmp, hidden with it.
    expect(targets).not.toContain(view.stage);
  });

  it('makes the mount points of what is shown inside a hiding folder, in that folder', () => {
    const dirs = mountPlan(view).filter((step) => step.op === 'dir');
    expect(dirs).toContainEqual({ op: 'dir', mode: '755', path: 'cover/3/.pyenv' });
    expect(dirs).toContainEqual({
      op: 'dir',
      mode: '755',
      path: 'cover/3/course/conform-grades/submissions/alice/work',
    });
    expect(dirs).toContainEqual({ op: 'dir', mode: '1777', path: './cover/0' });
    expect(dirs).toContainEqual({ op: 'dir', mode: '755', path: './upper' });
  });

  it('hides a folder inside the work folder, after the work folder', () => {
    const inside = `${view.work.path}/secret`;
    const targets = shown(mountPlan({ ...view, hidden: [...view.hidden, inside] })).map(([target]) => target);
    expect(targets.indexOf(inside)).toBeGreaterThan(targets.indexOf(view.work.path));
  });

  it('shows an empty home wherever it is, even inside another hidden folder', () => {
    const steps = mountPlan({ ...view, home: '/tmp/grader', hidden: ['/tmp/grader'] });
    expect(shown(steps)).toContainEqual(['/tmp/grader', './cover/3']);
    expect(steps).toContainEqual({ op: 'dir', mode: '755', path: 'cover/0/grader' });
  });

  it('hides the stage itself where no hidden folder holds it', () => {
    const targets = shown(mountPlan({ ...view, stage: '/var/lib/conform-stage' }));
    expect(targets).toContainEqual(['/var/lib/conform-stage', './cover/4']);
  });

  it('gives the writable places to the user a root conform runs the server as', () => {
    const steps = mountPlan({ ...view, runAs: { uid: 65534, gid: 65534 } });
    expect(steps.filter((step) => step.op === 'own')).toEqual([
      { op: 'own', uid: 65534, gid: 65534, path: './upper' },
      { op: 'own', uid: 65534, gid: 65534, path: './cover/3' },
    ]);
  });

  it('gives a build a way back to its real folder, writable, to copy what it wrote once it succeeds', () => {
    const steps = mountPlan({ ...view, role: 'build' });
    expect(steps).toContainEqual({ op: 'bind', source: view.work.path, target: './out' });
    expect(steps).toContainEqual({ op: 'rw', target: './out' });
    expect(mountPlan(view)).not.toContainEqual({ op: 'rw', target: './out' });
  });

  it('is passed as words: each step its name, then its values', () => {
    expect(
      stepWords([
        { op: 'ro' },
        { op: 'tmpfs', target: '/s', sizeKib: 64 },
        { op: 'own', uid: 1, gid: 2, path: './upper' },
        { op: 'overlay', lower: 'l', upper: 'u', work: 'w', target: 'm' },
      ]),
    ).toEqual(['ro', 'tmpfs', '/s', '64', 'own', '1', '2', './upper', 'overlay', 'l', 'u', 'w', 'm']);
  });
});
