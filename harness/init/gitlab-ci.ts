import { stringify } from 'yaml';
import type { SetupFile, SetupInput } from './setup-files.js';

/** A GitLab CI job: conform on every push, its JUnit file shown in merge requests, the results kept. */
export function gitlabCi(input: SetupInput): SetupFile {
  const results = 'conform-results';
  const pipeline = {
    conform: {
      image: 'node:20-bookworm',
      before_script: [
        ...(input.aptPackages.length > 0
          ? [`apt-get update -qq && apt-get install -y -qq ${input.aptPackages.join(' ')}`]
          : []),
        `npm install -g ./.conform/${input.tarball}`,
      ],
      script: [`conform --reporter junit=${results}/junit.xml --reporter markdown=${results}/summary.md`],
      artifacts: {
        when: 'always',
        paths: [`${results}/`],
        reports: { junit: `${results}/junit.xml` },
      },
    },
  };
  return { path: '.gitlab-ci.yml', content: stringify(pipeline, { lineWidth: 0 }) };
}
