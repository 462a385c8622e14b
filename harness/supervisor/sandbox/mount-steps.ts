import { sandboxFailure } from './init-script.js';

/**
 * A program that makes a server's view (mount-plan.ts), step by step, then executes the rest of its
 * words (the namespace's first process) in the place the steps left it in: the stage.
 * Its words: the count of words of the steps, those words, then the command to become.
 */
export interface Mounter {
  readonly name: 'perl' | 'shell';
  readonly words: readonly string[];
}

/**
 * The shell's: a program (mount, mkdir, chmod, chown) per step, some 1.5 ms each. `mount -n` keeps
 * libmount's notes of its mounts (/run/mount/utab) out of the server's /run.
 */
const shellSteps = [
  `fail() { echo "${sandboxFailure} $*" >&2; exit 125; }`,
  // The steps' own programs, wherever the server's PATH leads; what follows gets its PATH back.
  'p=$PATH; PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH',
  'n=$1; shift',
  'while [ "$n" -gt 0 ]; do',
  '  case $1 in',
  '  ro)',
  '    while read -r _ _ _ _ m _; do',
  '      case $m in /proc | /proc/*) continue ;; *\\\\*) m=$(printf \'%b\' "$m") ;; esac',
  '      [ -e "$m" ] || continue',
  '      mount -n -o remount,bind,ro "$m" || fail "$m could not be made read-only"',
  '    done </proc/self/mountinfo',
  '    k=1 ;;',
  '  tmpfs) mount -n -t tmpfs -o "size=$3k,mode=0755,nosuid,nodev" conform "$2" || fail "no tmpfs on $2"; k=3 ;;',
  '  dir) { mkdir -p "$3" && chmod "$2" "$3"; } || fail "no folder $3"; k=3 ;;',
  '  own) chown "$2:$3" "$4" || fail "$4 could not be given to $2"; k=4 ;;',
  '  bind) mount -n -c --bind "$2" "$3" || fail "$2 could not be shown at $3"; k=3 ;;',
  '  rw) mount -n -c -o remount,bind,rw "$2" || fail "$2 could not be made writable"; k=2 ;;',
  '  overlay) mount -n -c -t overlay overlay -o "lowerdir=$2,upperdir=$3,workdir=$4" "$5" || fail "no overlay on $5"; k=5 ;;',
  '  proc) mount -n -t proc -o nosuid,nodev,noexec proc /proc || fail "no /proc of its own"; k=1 ;;',
  '  cd) cd "$2" || fail "no way to $2"; k=2 ;;',
  '  *) fail "unknown step $1" ;;',
  '  esac',
  '  shift "$k"; n=$((n - k))',
  'done',
  'PATH=$p',
  'exec "$@"',
].join('\n');

/**
 * Perl's: every step a system call of its own process, some 5 ms in all. mount_setattr (Linux 5.12)
 * makes every mount read-only at once; the numbers of mount(2) differ between architectures.
 */
const perlSteps = `
use strict; use warnings;
my ($mount, $setattr, $n) = splice(@ARGV, 0, 3);
my @w = splice(@ARGV, 0, $n);
sub fail { print STDERR "${sandboxFailure} $_[0]: $!\\n"; exit 125; }
sub mnt { my ($src, $dst, $type, $flags, $data) = @_;
  syscall($mount, $src, $dst, $type // 0, $flags, $data // 0) == 0 }
sub attr { my ($path, $recursive, $set, $clear) = @_; my $a = pack('QQQQ', $set, $clear, 0, 0);
  syscall($setattr, -100, $path, $recursive ? 0x8000 : 0, $a, 32) == 0 }
while (@w) {
  my $op = shift @w;
  if ($op eq 'ro') { attr('/', 1, 1, 0) or fail('the mounts could not be made read-only') }
  elsif ($op eq 'tmpfs') { my ($dst, $kib) = splice(@w, 0, 2);
    mnt('conform', $dst, 'tmpfs', 2 | 4, "size=\${kib}k,mode=0755") or fail("no tmpfs on $dst") }
  elsif ($op eq 'dir') { my ($mode, $path) = splice(@w, 0, 2); my $at = $path =~ m{^/} ? '' : '.';
    for my $part (grep { $_ ne '' && $_ ne '.' } split m{/}, $path) {
      $at .= "/$part"; -d $at or mkdir($at) or fail("no folder $at") }
    chmod(oct($mode), $path) or fail("no folder $path") }
  elsif ($op eq 'own') { my ($uid, $gid, $path) = splice(@w, 0, 3);
    chown($uid, $gid, $path) or fail("$path could not be given to $uid") }
  elsif ($op eq 'bind') { my ($src, $dst) = splice(@w, 0, 2);
    mnt($src, $dst, undef, 4096, undef) or fail("$src could not be shown at $dst") }
  elsif ($op eq 'rw') { my ($dst) = splice(@w, 0, 1); attr($dst, 0, 0, 1) or fail("$dst could not be made writable") }
  elsif ($op eq 'overlay') { my ($lower, $upper, $work, $dst) = splice(@w, 0, 4);
    mnt('overlay', $dst, 'overlay', 0, "lowerdir=$lower,upperdir=$upper,workdir=$work") or fail("no overlay on $dst") }
  elsif ($op eq 'proc') { mnt('proc', '/proc', 'proc', 2 | 4 | 8, undef) or fail('no /proc of its own') }
  elsif ($op eq 'cd') { my ($path) = splice(@w, 0, 1); chdir($path) or fail("no way to $path") }
  else { fail("unknown step $op") }
}
exec { $ARGV[0] } @ARGV or fail("$ARGV[0] did not start");
`;

/** mount(2)'s number on each architecture Node runs on; mount_setattr's is 442 on all of them. */
const mountCall: Readonly<Partial<Record<NodeJS.Architecture, number>>> = {
  x64: 165,
  arm64: 40,
  riscv64: 40,
  loong64: 40,
  arm: 21,
  ia32: 21,
  ppc64: 21,
  s390x: 21,
};

/** The shell's steps, which need only util-linux's mount. */
export function shellMounter(sh: string): Mounter {
  return { name: 'shell', words: [sh, '-c', shellSteps, 'sh'] };
}

/** Perl's steps, where perl is installed and Node knows this architecture's numbers. */
export function perlMounter(perl: string | undefined): Mounter | undefined {
  const mount = mountCall[process.arch];
  if (perl === undefined || mount === undefined) return undefined;
  return { name: 'perl', words: [perl, '-e', perlSteps, String(mount), '442'] };
}
