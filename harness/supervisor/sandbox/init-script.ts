import { stageNames } from './mount-plan.js';

/** The first line a failed step of the sandbox writes on stderr, as the server's exit (125) is read. */
export const sandboxFailure = 'conform: the sandbox could not be made:';

/**
 * The first process of a server's namespaces, as a shell script. Its words: the role (`server` or
 * `build`), the count of words of the mount steps and those words (mount-plan.ts), then `ip` and the
 * connector's three words (or four `-`), the server's folder, and the command.
 *
 * It makes the server's view of the filesystem, step by step; in a network namespace it brings the
 * loopback up and starts the connector (which takes the IPC channel; the server gets neither it nor
 * its variables); it starts the command in its folder (looked up again, so the server's folder is
 * the view made for it), passes SIGTERM on and waits, and the command's exit status becomes its own.
 * Signals the server ignores have no effect on it, and when it ends every process of the namespace
 * ends with it. After a build that succeeded it copies what the build wrote into the real folder,
 * through the stage it never left (`cd` step), which the build could not see.
 */
export const initScript = [
  `fail() { echo "${sandboxFailure} $*" >&2; exit 125; }`,
  // The steps' own programs, wherever the server's PATH leads; the command gets its PATH back.
  'p=$PATH; PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH',
  'role=$1; n=$2; shift 2',
  'while [ "$n" -gt 0 ]; do',
  '  case $1 in',
  '  ro)',
  '    while read -r _ _ _ _ m _; do',
  '      case $m in /proc | /proc/*) continue ;; *\\\\*) m=$(printf \'%b\' "$m") ;; esac',
  '      [ -e "$m" ] || continue',
  '      mount -o remount,bind,ro "$m" || fail "$m could not be made read-only"',
  '    done </proc/self/mountinfo',
  '    k=1 ;;',
  '  tmpfs) mount -t tmpfs -o "size=$3k,mode=0755,nosuid,nodev" conform "$2" || fail "no tmpfs on $2"; k=3 ;;',
  '  dir) { mkdir -p "$3" && chmod "$2" "$3"; } || fail "no folder $3"; k=3 ;;',
  '  own) chown "$2:$3" "$4" || fail "$4 could not be given to $2"; k=4 ;;',
  '  bind) mount -c --bind "$2" "$3" || fail "$2 could not be shown at $3"; k=3 ;;',
  '  rw) mount -c -o remount,bind,rw "$2" || fail "$2 could not be made writable"; k=2 ;;',
  '  overlay) mount -c -t overlay overlay -o "lowerdir=$2,upperdir=$3,workdir=$4" "$5" || fail "no overlay on $5"; k=5 ;;',
  '  proc) mount -t proc -o nosuid,nodev,noexec proc /proc || fail "no /proc of its own"; k=1 ;;',
  '  cd) cd "$2" || fail "no way to $2"; k=2 ;;',
  '  *) fail "unknown step $1" ;;',
  '  esac',
  '  shift "$k"; n=$((n - k))',
  'done',
  'if [ "$1" != - ]; then "$1" link set lo up || exit 125; "$2" "$3" "$4" 4>&- & exec 3>&-; fi',
  'w=$5; shift 5',
  'unset NODE_CHANNEL_FD NODE_CHANNEL_SERIALIZATION_MODE',
  `trap 'kill -TERM "$c" 2>/dev/null' TERM INT HUP`,
  // sh gives a command run in the background /dev/null for input, even with <&0: a copy keeps the pipe.
  'exec 9<&0',
  '(cd "$w" || exit 125; PATH=$p; exec "$@") <&9 9<&- 3>&- &',
  'c=$!',
  'while :; do wait "$c"; s=$?; kill -0 "$c" 2>/dev/null || break; done',
  'if [ "$role" = build ] && [ "$s" = 0 ]; then',
  '  kill -s KILL -1 2>/dev/null',
  `  cp -a -u ./${stageNames.merged}/. ./${stageNames.out}/ || { echo "conform: what the build wrote could not be copied into its folder" >&2; s=125; }`,
  'fi',
  'exit "$s"',
].join('\n');
