import { stageNames } from './mount-plan.js';

/** The first line a failed step of the sandbox writes on stderr, as the server's exit (125) is read. */
export const sandboxFailure = 'conform: the sandbox could not be made:';

/**
 * The first process of a server's namespaces, as a shell script, once its view of the filesystem is
 * made (mount-steps.ts) and in the place that left it: the stage. Its words: the role (`server` or
 * `build`), then `ip` and the connector's three words (or four `-`), the server's folder, and the
 * command.
 *
 * In a network namespace it brings the loopback up and starts the connector (which takes the IPC
 * channel; the server gets neither it nor its variables); it starts the command in its folder
 * (looked up again, so the server's folder is the view made for it), passes SIGTERM on and waits,
 * and the command's exit status becomes its own. Signals the server ignores have no effect on it,
 * and when it ends every process of the namespace ends with it. When conform ends (its end of the
 * server's standard input closes), it stops the server a second later, however conform ended.
 * After a build that succeeded it copies what the build wrote into the real folder, through the
 * stage it never left, which the build could not see.
 */
export const initScript = [
  'role=$1; shift',
  'if [ "$1" != - ]; then "$1" link set lo up || exit 125; "$2" "$3" "$4" 4>&- & exec 3>&-; fi',
  'w=$5; shift 5',
  'unset NODE_CHANNEL_FD NODE_CHANNEL_SERIALIZATION_MODE',
  `trap 'kill -TERM "$c" 2>/dev/null' TERM INT HUP`,
  // sh gives a command run in the background /dev/null for input, even with <&0: a copy keeps the pipe.
  'exec 9<&0',
  // conform holds the only writing end of that pipe: once conform is gone, even killed before a
  // parent-death signal could reach here, its end comes, and a second later everything here ends.
  '(while read -r _; do :; done; sleep 1; kill -s KILL -- -1) <&9 >/dev/null 2>&1 &',
  '(cd "$w" || exit 125; exec "$@") <&9 9<&- 3>&- &',
  'c=$!',
  'while :; do wait "$c"; s=$?; kill -0 "$c" 2>/dev/null || break; done',
  'if [ "$role" = build ] && [ "$s" = 0 ]; then',
  // dash reads a bare -1 as an option: -- before it.
  '  kill -s KILL -- -1 2>/dev/null',
  `  PATH=/usr/bin:/bin:$PATH cp -a -u ./${stageNames.merged}/. ./${stageNames.out}/ || { echo "conform: what the build wrote could not be copied into its folder" >&2; s=125; }`,
  'fi',
  'exit "$s"',
].join('\n');
