/**
 * The text sent on stdin to `sh -s` on the remote machine. Both scripts are constants: the only
 * variable parts are request lines (op + octal-escaped path, see encodeRequestPath) inside a quoted
 * here-document, and single-quoted words built by shellQuote. Nothing from the target string or the
 * user ever reaches the remote command line, which is always exactly `sh -s`.
 *
 * The read agent is a small Perl program (perl-base is Essential on Debian and Ubuntu and present on
 * RHEL, SUSE and Arch installs): one process answers every request, so reading a thousand /proc
 * files costs no fork per file (and reads /proc files by read(2), whose stat size is 0). Its output
 * is a stream of netstrings (`<length>:<bytes>,`), see frames.ts. Without perl, the agent reports so
 * in its header record and the host refuses the target (see index.ts).
 */
import { encodeRequestPath, shellCommand, shellQuote } from './quote.js';

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

/** Content cap for prefetched files when a manifest entry gives none. */
export const defaultPrefetchBytes = 1024 * 1024;
/** Content cap for a file read on demand (a probe asked for it by name). */
export const onDemandBytes = 256 * 1024 * 1024;

const requestDelimiter = 'CHARTER_SSH_REQUESTS_END';

// Perl without single quotes (it travels inside one single-quoted sh word).
const perlAgent = String.raw`
use strict; no warnings; binmode STDOUT;
my $hires = eval { require Time::HiRes; 1 };
sub ns { my ($s) = @_; $s = "" unless defined $s; print length($s), ":", $s, ","; }
sub ty { my $t = $_[0] & 0170000; return $t == 0100000 ? "f" : $t == 0040000 ? "d" : $t == 0120000 ? "l" : "o"; }
sub lst { return $hires ? Time::HiRes::lstat($_[0]) : lstat($_[0]); }
sub fst { return $hires ? Time::HiRes::stat($_[0]) : stat($_[0]); }
my %done; my @listed;
sub meta {
  my ($p) = @_;
  return if $done{"M" . $p}++;
  my @l = lst($p);
  if (!@l) { ns("A"); ns($p); return; }
  my $lt = ty($l[2]);
  my $link = $lt eq "l" ? readlink($p) : undef;
  my @s = $lt eq "l" ? fst($p) : @l;
  ns("M"); ns($p); ns($lt); ns(defined $link ? "=" . $link : "");
  if (@s) { ns(ty($s[2])); ns($s[7]); ns($s[9]); ns($s[2]); ns($s[4]); }
  else { ns("-"); ns(0); ns(0); ns(0); ns(0); }
}
sub content {
  my ($p, $max) = @_;
  return if $done{"C" . $p}++;
  my @s = stat($p);
  if (!@s || ty($s[2]) ne "f") { ns("C"); ns($p); ns("absent"); ns(""); return; }
  if ($s[7] > $max) { ns("C"); ns($p); ns("big"); ns(""); return; }
  my $fh;
  if (!open($fh, "<", $p)) { ns("C"); ns($p); ns("absent"); ns(""); return; }
  binmode $fh;
  my $buf = ""; my $n;
  while (($n = sysread($fh, $buf, 65536, length $buf))) { last if length($buf) > $max; }
  close $fh;
  if (!defined $n) { ns("C"); ns($p); ns("absent"); ns(""); return; }
  if (length($buf) > $max) { ns("C"); ns($p); ns("big"); ns(""); return; }
  ns("C"); ns($p); ns("ok"); ns($buf);
}
sub listing {
  my ($p, $children) = @_;
  return if $done{"L" . $p . $children}++;
  my $dh;
  if (!opendir($dh, $p)) { ns("L"); ns($p); ns("absent"); ns(""); return; }
  my @n = sort grep { $_ ne "." && $_ ne ".." } readdir($dh);
  closedir $dh;
  ns("L"); ns($p); ns("ok"); ns(join("\0", @n));
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
ns("H"); ns($ARGV[0]); ns("perl");
while (my $line = <STDIN>) {
  chomp $line;
  my ($op, $enc, $max) = split / /, $line;
  next unless defined $enc && $op =~ /^[sfdlSFDL]$/;
  (my $p = $enc) =~ s/\\([0-7]{3})/chr(oct($1))/ge;
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
for (@listed) { if (!lst($_)) { ns("A"); ns($_); } }
ns("E");
`;

/**
 * Every script starts here: the C locale and sbin on PATH. (Not `exec </dev/null`: sh is reading
 * this very script from stdin; commands get </dev/null one by one.)
 */
const prologue = [
  'LC_ALL=C; LANG=C; export LC_ALL LANG',
  'PATH="$PATH:/usr/local/sbin:/usr/sbin:/sbin"; export PATH',
].join('\n');

const requestLine = (request: AgentRequest): string =>
  `${request.pattern ? request.op.toUpperCase() : request.op} ${encodeRequestPath(request.path)} ${String(request.maxBytes ?? defaultPrefetchBytes)}`;

/** The script that answers `requests`: a header record (uname -s, agent), then one record per answer. */
export const readScript = (requests: readonly AgentRequest[]): string =>
  [
    prologue,
    `charter_requests=$(cat <<'${requestDelimiter}'`,
    ...requests.map(requestLine),
    requestDelimiter,
    ')',
    'charter_os=$(uname -s 2>/dev/null)',
    'if command -v perl >/dev/null 2>&1; then',
    `  printf '%s\\n' "$charter_requests" | perl -e ${shellQuote(perlAgent)} "$charter_os" 2>/dev/null`,
    'else',
    // The header alone: the host learns the platform and that there is no agent.
    '  printf \'1:H,%s:%s,0:,1:E,\' "${#charter_os}" "$charter_os"',
    'fi',
    '',
  ].join('\n');

/** Exit status the run script uses when the program is not found on the remote PATH. */
export const notFoundStatus = 127;
export const notFoundMarker = 'charter-ssh: command not found';

/**
 * The script that runs one command: argv as single-quoted words, under the remote `timeout` when
 * there is one (the local side also kills the ssh client at the deadline).
 */
export const runScript = (argv: readonly string[], timeoutSeconds: number): string => {
  const [file] = argv;
  if (file === undefined) throw new Error('runScript needs a program');
  const command = shellCommand(argv);
  return [
    prologue,
    `if ! command -v ${shellQuote(file)} >/dev/null 2>&1; then printf '%s\\n' ${shellQuote(notFoundMarker)} >&2; exit ${notFoundStatus}; fi`,
    `if command -v timeout >/dev/null 2>&1; then exec timeout -k 2 ${shellQuote(String(timeoutSeconds))} ${command} </dev/null; fi`,
    `exec ${command} </dev/null`,
    '',
  ].join('\n');
};
