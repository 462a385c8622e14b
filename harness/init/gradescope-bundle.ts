import type { SetupFile, SetupInput } from './setup-files.js';

/**
 * Gradescope's autograder bundle: setup.sh installs Node.js 20 and conform once per image;
 * run_autograder grades /autograder/submission with the course config and always leaves
 * /autograder/results/results.json, even when the submission hangs, crashes or does not build,
 * and even when conform itself cannot run. AUTOGRADER_ROOT moves the whole layout (for a trial run).
 */
export function gradescopeBundle(input: SetupInput): SetupFile[] {
  // iproute2's ip isolates each server in a network of its own; util-linux (namespaces, limits) and perl (its files' confinement) come with Ubuntu.
  const packages = ['ca-certificates', 'curl', 'iproute2', ...input.aptPackages].join(' ');
  const setup = `#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y ${packages}
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  # Node.js 20 from NodeSource's packages: Ubuntu's own are too old for conform.
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi
npm install -g ./${input.tarball}
conform --version
`;
  const run = `#!/usr/bin/env bash
# Gradescope runs this for every submission. Whatever happens, results/results.json is written.
set -u
root="\${AUTOGRADER_ROOT:-/autograder}"
results="$root/results/results.json"
# Kept after the run, so that the folder conform's output names exists (to read in a debugging session).
work="$root/conform"
rm -rf "$work"
mkdir -p "$root/results" "$work/class"
cp -r "$root/submission" "$work/class/submission"
conform grade "$work/class" --config "$root/source/conform.config.json" --out "$work/grades" \\
  --workers 1 --reporter gradescope >"$work/conform.log" 2>&1
status=$?
cat "$work/conform.log"
graded="$work/grades/submissions/submission/results.json"
if [ -s "$graded" ]; then
  cp "$graded" "$results"
else
  # conform could not grade at all: say so, with the end of its output, rather than leave no result.
  node -e '
    const fs = require("fs");
    const [file, log, status] = process.argv.slice(1);
    const tail = fs.existsSync(log) ? fs.readFileSync(log, "utf8").slice(-4000) : "";
    fs.writeFileSync(file, JSON.stringify({
      score: 0,
      output: "conform could not grade this submission (exit code " + status + "). Its output:\\n" + tail,
      output_format: "text",
      stdout_visibility: "hidden",
    }));' "$results" "$work/conform.log" "$status" ||
    printf '{"score": 0, "output": "conform could not run: see the autograder output"}\\n' >"$results"
fi
exit 0
`;
  return [
    { path: 'setup.sh', content: setup, mode: 0o755 },
    { path: 'run_autograder', content: run, mode: 0o755 },
    { path: 'conform.config.json', content: input.configText },
  ];
}
