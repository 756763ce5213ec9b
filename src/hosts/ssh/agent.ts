/**
 * The text sent on stdin to `sh -s` on the remote machine. The script is a constant (the Perl agent
 * in an environment variable and a short loader, each one word built by shellQuote); everything after it is request lines for the agent, never shell
 * text: op + octal-escaped path (see encodeRequestPath), and for commands `x id timeout` + argv words
 * each written `=` + the octal-escaped word (so an empty word survives), exec'd by Perl without a
 * shell. Nothing from the target string or the user ever reaches the remote command line, which is
 * always exactly `sh -s`.
 *
 * The read agent is a small Perl program (perl-base is Essential on Debian and Ubuntu and present on
 * RHEL, SUSE and Arch installs): one process answers every request, so reading a thousand /proc
 * files costs no fork per file (and reads /proc files by read(2), whose stat size is 0). Its output
 * is a stream of records in netstrings (`<length>:<bytes>,`), see frames.ts. Without perl, the
 * agent reports so in its header record and the host refuses the target (see index.ts).
 *
 * The same agent serves a whole session (sessionScript): one `sh -s` per host, whose last act is to
 * exec the agent, which then answers batches of requests (lines ending with a `.` line), one after
 * the other, each answer ending with an `E` record. A batch may also hold commands to run (`x`
 * lines: argv words octal-escaped like paths; no shell parses them): the agent starts them all at
 * once (stdin /dev/null, own process group, killed at their deadline) and answers an `X` record for
 * each. So a remote host costs one ssh connection, one session and one remote shell, whatever the
 * probes read and run: a remote login shell can be expensive (rc files), and each extra session
 * also costs an ssh client process here.
 *
 * Contents are deduplicated across hosts: a batch may list the SHA-256 digests and sizes (`K`
 * lines) of contents this process already holds; a file of `dedupBytes` or more whose size is listed
 * is hashed and answered `C path same <digest>` when the digest is listed. A big file is hashed by
 * `openssl dgst` on the file itself when openssl is there (the CPU's SHA instructions, and the agent
 * never reads a content it does not send); a smaller one is read and hashed by Digest::SHA.
 * Anything else is sent whole, and this side computes the digest of what it received. Without
 * Digest::SHA (which is in Debian's perl, not in perl-base) only contents of 256 KB or more are
 * compared (openssl, one process each); without either, contents are always sent whole.
 */
import { limits } from '../../limits.js';
import { encodeRequestPath, shellQuote } from './quote.js';

/**
 * What to fetch for a path. Lower case: the path as given; upper case: a pattern (`*`, `?`, `[...]`
 * per component, and a leading `~/` for every person's home directory, as listHomes finds them).
 *
 * - `s` stat, lstat and link target;
 * - `f` the same, plus the content (up to `maxBytes`; a bigger file is marked and fetched on demand);
 * - `d` the same as `s`, plus the directory listing and `s` for every entry;
 * - `l` the same as `s`, plus the listing only.
 */
export type RequestOp = 's' | 'f' | 'd' | 'l';

export interface AgentRequest {
  op: RequestOp;
  path: string;
  pattern: boolean;
  maxBytes?: number;
}

/** A command for the agent to run: `id` names its `X` answer. */
export interface AgentCommand {
  id: number;
  argv: readonly string[];
  timeoutSeconds: number;
}

/**
 * Contents at least this big are answered by digest when the other side already holds them. Not
 * only the big lists: on machines of one image, release files, schemas, metadata and logs of a few
 * KB each are most of a host's bytes once the lists come by digest (about 0.5 of 0.8 MB of a Debian
 * desktop's first answer). Smaller ones are not worth a digest on either side.
 */
export const dedupBytes = 4 * 1024;
/** From this size on, the agent hashes with openssl (SHA instructions) rather than Digest::SHA. */
const opensslBytes = 4 * 1024 * 1024;
/** Without Digest::SHA, openssl (a process per file) hashes contents from this size on; smaller ones are sent. */
const opensslOnlyBytes = 256 * 1024;

/** A content this side holds, offered to the agent as a `K` line. */
export interface KnownContent {
  digest: string;
  size: number;
}

/** Content cap for prefetched files when a manifest entry gives none. */
export const defaultPrefetchBytes = 1024 * 1024;
/** Content cap for a file read on demand (a probe asked for it by name). */
export const onDemandBytes = limits.hostFileBytes;

// Perl without single quotes (it travels inside one single-quoted sh word).
const perlAgent = String.raw`
use strict; no warnings; use POSIX (); binmode STDOUT;
my $hires = eval { require Time::HiRes; 1 };
my $sha = eval { require Digest::SHA; 1 };
my %known; my %knownSize; my $openssl;
sub ns { my ($s) = @_; $s = "" unless defined $s; print length($s), ":", $s, ","; }
sub rec { ns(join("\0", @_)); }
sub ty { my $t = $_[0] & 0170000; return $t == 0100000 ? "f" : $t == 0040000 ? "d" : $t == 0120000 ? "l" : "o"; }
sub lst { return $hires ? Time::HiRes::lstat($_[0]) : lstat($_[0]); }
sub fst { return $hires ? Time::HiRes::stat($_[0]) : stat($_[0]); }
my %done; my @listed;
sub meta {
  my ($p) = @_;
  return if $done{"M" . $p}++;
  my @l = lst($p);
  if (!@l) { if ($!{EACCES} || $!{EPERM}) { rec("R", $p); } else { rec("A", $p); } return; }
  my $lt = ty($l[2]);
  my $link = $lt eq "l" ? readlink($p) : undef;
  my $nolink = $lt eq "l" && !defined $link && ($!{EACCES} || $!{EPERM});
  my @s = $lt eq "l" ? fst($p) : @l;
  my $l = defined $link ? "=" . $link : $nolink ? "!" : "";
  if (@s) { rec("M", $p, $lt, $l, ty($s[2]), $s[7], $s[9], $s[2], $s[4]); }
  else { rec("M", $p, $lt, $l, "-", 0, 0, 0, 0); }
}
sub filedigest {
  my ($p) = @_;
  my ($r, $w);
  pipe($r, $w) or return undef;
  my $pid = fork();
  if (defined $pid && $pid == 0) {
    close $r; open(STDIN, "<", "/dev/null"); open(STDOUT, ">&", $w); open(STDERR, ">", "/dev/null");
    exec { "openssl" } "openssl", "dgst", "-sha256", $p; POSIX::_exit(127);
  }
  close $w;
  if (!defined $pid) { close $r; return undef; }
  my $out = ""; while (sysread($r, $out, 4096, length $out)) {}
  close $r; waitpid($pid, 0);
  return $? == 0 && $out =~ /([0-9a-f]{64})\s*\z/ ? $1 : undef;
}
sub content {
  my ($p, $max) = @_;
  return if $done{"C" . $p}++;
  my @s = stat($p);
  if (!@s) { rec("C", $p, ($!{EACCES} || $!{EPERM}) ? "denied" : "absent"); ns(""); return; }
  if (ty($s[2]) ne "f") { rec("C", $p, "absent"); ns(""); return; }
  if ($s[7] > $max) { rec("C", $p, "big"); ns(""); return; }
  # The other side may hold this content: a big one is hashed by openssl from the file, unread here.
  my $check = $s[7] >= ${String(dedupBytes)} && $knownSize{$s[7]};
  if ($check) {
    $openssl = found("openssl") ? 1 : 0 unless defined $openssl;
    if ($openssl && ($s[7] >= ${String(opensslBytes)} || (!$sha && $s[7] >= ${String(opensslOnlyBytes)}))) {
      my $h = filedigest($p);
      if (defined $h) {
        if ($known{$h}) { rec("C", $p, "same"); ns($h); return; }
        $check = 0;
      }
    }
  }
  my $fh;
  if (!open($fh, "<", $p)) { rec("C", $p, ($!{EACCES} || $!{EPERM}) ? "denied" : "absent"); ns(""); return; }
  binmode $fh;
  # A regular file in one read (plus the one that sees its end); /proc files say size 0.
  my $buf = ""; my $n; my $want = $s[7] >= 65536 ? $s[7] + 1 : 65536;
  while (($n = sysread($fh, $buf, $want, length $buf))) { last if length($buf) > $max; }
  close $fh;
  if (!defined $n) { rec("C", $p, "absent"); ns(""); return; }
  if (length($buf) > $max) { rec("C", $p, "big"); ns(""); return; }
  if ($check && $sha && $knownSize{length $buf}) {
    my $h = Digest::SHA::sha256_hex($buf);
    if ($known{$h}) { rec("C", $p, "same"); ns($h); undef $buf; return; }
  }
  rec("C", $p, "ok"); ns($buf); undef $buf;
}
sub listing {
  my ($p, $children) = @_;
  return if $done{"L" . $p . $children}++;
  my $dh;
  if (!opendir($dh, $p)) { rec("L", $p, ($!{EACCES} || $!{EPERM}) ? "denied" : "absent"); ns(""); return; }
  my @n = sort grep { $_ ne "." && $_ ne ".." } readdir($dh);
  closedir $dh;
  rec("L", $p, "ok"); ns(join("\0", @n));
  if ($children) { my $b = $p eq "/" ? "" : $p; for (@n) { meta($b . "/" . $_); push @listed, $b . "/" . $_; } }
}
my @homes; my $homesRead = 0;
sub homes {
  return @homes if $homesRead++;
  my %seen;
  if (open(my $fh, "<", "/etc/passwd")) {
    while (my $line = <$fh>) {
      chomp $line; my @f = split /:/, $line, -1;
      next if @f < 7 || $f[2] !~ /^\d+$/;
      next unless $f[2] == 0 || ($f[2] >= 1000 && $f[2] < 60000);
      my $h = $f[5]; $h =~ s{/+$}{};
      next if $h !~ m{^/};
      push @homes, $h if !$seen{$h}++ && -d $h;
    }
    close $fh;
  }
  if (opendir(my $dh, "/home")) {
    for my $n (sort readdir $dh) { next if $n =~ /^\./; my $h = "/home/" . $n; push @homes, $h if -d $h && !$seen{$h}++; }
    closedir $dh;
  }
  return @homes;
}
sub rx {
  my ($g) = @_; my $r = ""; my $i = 0;
  while ($i < length $g) {
    my $c = substr($g, $i, 1);
    if ($c eq "*") { $r .= "[^/]*"; }
    elsif ($c eq "?") { $r .= "[^/]"; }
    elsif ($c eq "[") {
      my $j = index($g, "]", $i + 2);
      if ($j < 0) { $r .= "\\["; }
      else { my $set = substr($g, $i + 1, $j - $i - 1); $set =~ s/^!/^/; $set =~ s/\\/\\\\/g; $r .= "[" . $set . "]"; $i = $j; }
    }
    else { $r .= quotemeta($c); }
    $i++;
  }
  return qr/^$r\z/s;
}
sub expand {
  my ($pat) = @_;
  my @parts = grep { length } split m{/}, $pat;
  return ("/") if !@parts;
  my @paths = ("");
  for my $part (@parts) {
    my @next;
    if ($part !~ /[*?\[]/) { @next = map { $_ . "/" . $part } @paths; }
    else {
      my $re = rx($part);
      for my $d (@paths) {
        my $dh; opendir($dh, $d eq "" ? "/" : $d) or next;
        for my $n (sort readdir $dh) {
          next if $n eq "." || $n eq "..";
          next if $n =~ /^\./ && $part !~ /^\./;
          push @next, $d . "/" . $n if $n =~ $re;
        }
        closedir $dh;
      }
    }
    @paths = @next;
  }
  return @paths;
}
sub now { return $hires ? Time::HiRes::time() : time(); }
sub found {
  my ($f) = @_;
  return -f $f && -x _ if $f =~ m{/};
  for my $d (split /:/, $ENV{PATH}) { my $q = ($d eq "" ? "." : $d) . "/" . $f; return 1 if -f $q && -x _; }
  return 0;
}
sub dec { (my $w = $_[0]) =~ s/\\([0-7]{3})/chr(oct($1))/ge; return $w; }
sub runall {
  my @jobs;
  for my $c (@_) {
    my ($id, $t, @argv) = @$c;
    if (!found($argv[0])) { rec("X", $id, 127, "n"); ns(""); ns(""); next; }
    my ($or, $ow, $er, $ew);
    pipe($or, $ow); pipe($er, $ew);
    my $pid = fork();
    if (!defined $pid) { rec("X", $id, 126, "f"); ns(""); ns("fork failed: $!"); next; }
    if ($pid == 0) {
      setpgrp(0, 0); close $or; close $er;
      open(STDIN, "<", "/dev/null"); open(STDOUT, ">&", $ow); open(STDERR, ">&", $ew);
      exec { $argv[0] } @argv; print STDERR "$argv[0]: $!\n"; POSIX::_exit(126);
    }
    close $ow; close $ew;
    push @jobs, { id => $id, pid => $pid, fh => { o => $or, e => $er }, buf => { o => "", e => "" }, end => now() + $t, stage => 0 };
  }
  my @live = @jobs;
  while (@live) {
    my $rin = ""; my $next = 0.5;
    for my $j (@live) {
      for my $k (keys %{$j->{fh}}) { vec($rin, fileno($j->{fh}{$k}), 1) = 1; }
      my $left = $j->{end} - now(); $next = $left if $left < $next;
    }
    $next = 0.01 if $next < 0.01;
    my $rout = $rin;
    select($rout, undef, undef, $next);
    for my $j (@live) {
      for my $k (keys %{$j->{fh}}) {
        my $fh = $j->{fh}{$k};
        next unless vec($rout, fileno($fh), 1);
        my $n = sysread($fh, $j->{buf}{$k}, 65536, length $j->{buf}{$k});
        if (!$n) { close $fh; delete $j->{fh}{$k}; }
      }
      if (!defined $j->{status}) { my $w = waitpid($j->{pid}, POSIX::WNOHANG()); $j->{status} = $? if $w == $j->{pid}; }
      if (now() >= $j->{end}) {
        if ($j->{stage} == 0) { $j->{timedout} = 1; kill("TERM", -$j->{pid}); $j->{stage} = 1; $j->{end} = now() + 2; }
        else { kill("KILL", -$j->{pid}); $j->{end} = now() + 3600; for my $fh (values %{$j->{fh}}) { close $fh; } $j->{fh} = {}; }
      }
    }
    @live = grep { %{$_->{fh}} || !defined $_->{status} } @live;
    for my $j (@live) { if (!%{$j->{fh}} && !defined $j->{status}) { waitpid($j->{pid}, 0); $j->{status} = $?; } }
    @live = grep { %{$_->{fh}} || !defined $_->{status} } @live;
  }
  for my $j (@jobs) {
    my $s = $j->{status};
    my $code = $j->{timedout} ? 124 : ($s & 127) ? 128 + ($s & 127) : $s >> 8;
    rec("X", $j->{id}, $code, $j->{timedout} ? "t" : ""); ns($j->{buf}{o}); ns($j->{buf}{e});
  }
}
sub batch {
  my @cmds; %done = (); @listed = (); %known = (); %knownSize = ();
  for my $line (@_) {
    my ($op, $enc, $max, @rest) = split / /, $line;
    if ($op eq "K") { if (defined $max) { $known{$enc} = 1; $knownSize{$max} = 1; } next; }
    if ($op eq "x") { next unless @rest; push @cmds, [$enc, $max, map { dec(substr($_, 1)) } @rest]; next; }
    next unless defined $enc && $op =~ /^[sfdlSFDL]$/;
    my $p = dec($enc);
    my @ps = ($p);
    if ($op =~ /^[A-Z]$/) { @ps = $p =~ m{^~(/|\z)} ? map { expand($_ . substr($p, 1)) } homes() : expand($p); }
    my $o = lc $op;
    for my $q (@ps) {
      meta($q);
      if ($o eq "f") { content($q, $max); }
      elsif ($o eq "d") { listing($q, 1); }
      elsif ($o eq "l") { listing($q, 0); }
    }
  }
  # Entries listed earlier that have gone since (a process that ended): say so, after their listing.
  for (@listed) { if (!lst($_)) { rec("A", $_); } }
  runall(@cmds) if @cmds;
  rec("E"); $| = 1; $| = 0;
}
# The header is an answer of its own: the other side writes nothing before it has arrived.
rec("H", $ARGV[0], "perl"); rec("E"); $| = 1; $| = 0;
# A batch ends at a "." line; the session at the end of input.
my @lines;
while (defined(my $line = <STDIN>)) {
  chomp $line;
  if ($line eq ".") { batch(@lines); @lines = (); next; }
  push @lines, $line;
}
`;

/**
 * The agent's program comes in the environment (`charter_agent`), not on perl's command line: the
 * command line of the agent is then a few words, not the whole program, in what every process
 * listing of the machine shows (ps, /proc/PID/cmdline, which the probes read, each agent of an audit
 * among them). The loader removes it from the environment before anything runs, so the commands the
 * agent starts do not inherit it. (Not a here-document: an older bash writes those to TMPDIR, which
 * may not be writable.)
 */
const agentLoader = 'my $p = delete $ENV{charter_agent}; eval $p; die $@ if $@;';

/**
 * Every script starts here: the C locale and sbin on PATH. (Not `exec </dev/null`: sh is reading
 * this very script from stdin and the agent then reads its batches from it; commands get /dev/null.)
 */
const prologue = ['LC_ALL=C; LANG=C; export LC_ALL LANG', 'PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"; export PATH'].join('\n');

const requestLine = (request: AgentRequest): string =>
  `${request.pattern ? request.op.toUpperCase() : request.op} ${encodeRequestPath(request.path)} ${String(request.maxBytes ?? defaultPrefetchBytes)}`;

/**
 * The script that starts a session: sh's last act is to exec the agent, which then reads batches
 * from the same stdin. Nothing may be written after this script until the agent's header record
 * has arrived (sh reads its input in blocks and would swallow it). A constant: built once.
 */
let session: string | undefined;
export const sessionScript = (): string =>
  (session ??= [
    prologue,
    'charter_os=$(uname -s 2>/dev/null)',
    // The program travels in the environment, read and removed by the loader (see agentLoader).
    `charter_agent=${shellQuote(perlAgent)}; export charter_agent`,
    `if command -v perl >/dev/null 2>&1; then exec perl -e ${shellQuote(agentLoader)} "$charter_os" 2>/dev/null; fi`,
    // No perl: a header with an empty agent field (H, the system, nothing: two NULs), then the end.
    'printf \'%s:H\\000%s\\000,1:E,\' "$((${#charter_os} + 3))" "$charter_os"',
    '',
  ].join('\n'));

/** The request lines of a list of requests, by the list: the first batch of every host is the same list. */
const linesOf = new WeakMap<readonly AgentRequest[], string[]>();
const requestLines = (requests: readonly AgentRequest[]): string[] => {
  const known = linesOf.get(requests);
  if (known !== undefined) return known;
  const lines = requests.map(requestLine);
  linesOf.set(requests, lines);
  return lines;
};

/** One batch for a session: known contents, request lines, commands, then the end line. */
export const batchText = (requests: readonly AgentRequest[], commands: readonly AgentCommand[], known: readonly KnownContent[]): string =>
  [
    ...known.map((k) => `K ${k.digest} ${String(k.size)}`),
    ...requestLines(requests),
    ...commands.map((c) => `x ${String(c.id)} ${String(c.timeoutSeconds)} ${c.argv.map((word) => `=${encodeRequestPath(word)}`).join(' ')}`),
    '.',
    '',
  ].join('\n');
