import { stringify } from 'yaml';
import type { SetupFile, SetupInput } from './setup-files.js';

const results = 'conform-results';

function installSteps(input: SetupInput): object[] {
  return [
    { uses: 'actions/checkout@v4' },
    { uses: 'actions/setup-node@v4', with: { 'node-version': '20' } },
    ...(input.aptPackages.length > 0
      ? [
          {
            name: 'Install the toolchain',
            run: `sudo apt-get update && sudo apt-get install -y ${input.aptPackages.join(' ')}`,
          },
        ]
      : []),
    { name: 'Install conform', run: `npm install -g ./.conform/${input.tarball}` },
  ];
}

/**
 * A workflow for students' repositories: conform on every push, each failing test as an annotation,
 * a summary on the run's page, the JUnit file and Markdown summary kept as an artifact.
 */
export function githubWorkflow(input: SetupInput): SetupFile {
  const workflow = {
    name: 'conform',
    on: ['push', 'pull_request', 'workflow_dispatch'],
    permissions: { contents: 'read' },
    jobs: {
      conform: {
        'runs-on': 'ubuntu-latest',
        'timeout-minutes': 20,
        steps: [
          ...installSteps(input),
          {
            name: 'Test the server',
            run: `conform --reporter github --reporter junit=${results}/junit.xml --reporter markdown=${results}/summary.md`,
          },
          {
            uses: 'actions/upload-artifact@v4',
            if: 'always()',
            with: { name: results, path: `${results}/` },
          },
        ],
      },
    },
  };
  return { path: '.github/workflows/conform.yml', content: stringify(workflow, { lineWidth: 0 }) };
}

/**
 * The GitHub Classroom variant: conform sets the step output `result` that Classroom's grading
 * reporter reads (runner `conform`, so its variable is CONFORM_RESULTS), with per-test points.
 */
export function classroomWorkflow(input: SetupInput): SetupFile {
  const workflow = {
    name: 'Autograding Tests',
    on: ['push', 'workflow_dispatch', 'repository_dispatch'],
    permissions: { checks: 'write', actions: 'read', contents: 'read' },
    jobs: {
      'run-autograding-tests': {
        'runs-on': 'ubuntu-latest',
        if: "github.actor != 'github-classroom[bot]'",
        'timeout-minutes': 20,
        steps: [
          ...installSteps(input),
          {
            name: 'conform',
            id: 'conform',
            // A failing test fails the reporter's step below, with the points; this one must not stop the job.
            'continue-on-error': true,
            run: 'conform --reporter classroom="$GITHUB_OUTPUT" --reporter github',
          },
          {
            name: 'Autograding Reporter',
            uses: 'classroom-resources/autograding-grading-reporter@v1',
            env: { CONFORM_RESULTS: '${{ steps.conform.outputs.result }}' },
            with: { runners: 'conform' },
          },
        ],
      },
    },
  };
  return { path: '.github/workflows/classroom.yml', content: stringify(workflow, { lineWidth: 0 }) };
}
