#!/usr/bin/env bash
# debian-root.sh — build (or reuse from cache) a real Debian 12 (bookworm) root filesystem
# under .cache/roots/<name>, for recording fixtures and as an image-scan test input.
#
# Usage:
#   scripts/debian-root.sh <name> [--with-package PKG]... [--user NAME]
#                          [--element-homeserver DOMAIN] [--setup SCRIPT] [--rebuild] [--rebuild-base]
#
# Needs root (debootstrap, chroot, mount). Every log line goes to stderr; the last (and only)
# line on stdout is the absolute path of the root. See scripts/README.md.
set -euo pipefail
umask 022

readonly SUITE=bookworm

log() { printf 'debian-root: %s\n' "$*" >&2; }
die() { printf 'debian-root: error: %s\n' "$*" >&2; exit 1; }
usage() {
  cat >&2 <<'EOF'
usage: scripts/debian-root.sh <name> [--with-package PKG]... [--user NAME]
                              [--element-homeserver DOMAIN] [--setup SCRIPT]
                              [--rebuild] [--rebuild-base]
  <name>                       root directory name under .cache/roots/ ([a-z0-9][a-z0-9._-]*)
  --with-package PKG           apt-get install -y --no-install-recommends PKG (repeatable)
  --user NAME                  create a regular user NAME (useradd -m, uid 1000)
  --element-homeserver DOMAIN  write /home/NAME/.config/Element/config.json (needs --user)
  --setup SCRIPT               run SCRIPT (sh) inside the root after the packages, with the
                               network and /proc available (repeatable, in order)
  --rebuild                    discard a cached <name> root and build it again
  --rebuild-base               also rebuild the cached debootstrap base tar
env: DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR override the mirrors read from /etc/apt;
     CHARTER_CACHE (absolute) holds roots and downloads instead of <repo>/.cache.
EOF
  exit 2
}

# ---------------------------------------------------------------- arguments
name=""
packages=()
user=""
homeserver=""
setups=()
rebuild=0
rebuild_base=0
while [ $# -gt 0 ]; do
  case "$1" in
    --with-package) [ $# -ge 2 ] || usage; packages+=("$2"); shift 2 ;;
    --user) [ $# -ge 2 ] || usage; user="$2"; shift 2 ;;
    --element-homeserver) [ $# -ge 2 ] || usage; homeserver="$2"; shift 2 ;;
    --setup) [ $# -ge 2 ] || usage; [ -f "$2" ] || die "--setup $2: not a file"; setups+=("$(realpath -e -- "$2")"); shift 2 ;;
    --rebuild) rebuild=1; shift ;;
    --rebuild-base) rebuild_base=1; rebuild=1; shift ;;
    -h|--help) usage ;;
    -*) die "unknown option: $1" ;;
    *) [ -z "$name" ] || die "only one <name> allowed (got '$name' and '$1')"; name="$1"; shift ;;
  esac
done
[ -n "$name" ] || usage
[[ "$name" =~ ^[a-z0-9][a-z0-9._-]{0,63}$ ]] || die "invalid root name '$name' (want [a-z0-9][a-z0-9._-]*)"
[[ "$name" != base-* ]] || die "root names starting with 'base-' are reserved for the cache"
for p in "${packages[@]}"; do
  [[ "$p" =~ ^[a-z0-9][a-z0-9+.-]+$ ]] || die "invalid package name '$p'"
done
if [ -n "$user" ]; then
  [[ "$user" =~ ^[a-z_][a-z0-9_-]{0,31}$ ]] || die "invalid user name '$user'"
  [ "$user" != root ] || die "--user root is not a regular user"
fi
if [ -n "$homeserver" ]; then
  [ -n "$user" ] || die "--element-homeserver needs --user NAME (the config lives in that user's home)"
  [[ "$homeserver" =~ ^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$ ]] \
    || die "invalid homeserver domain '$homeserver'"
fi

[ "$(id -u)" -eq 0 ] || die "must run as root (debootstrap, chroot and mount need it)"

# ---------------------------------------------------------------- paths (and their safety)
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
repo="$(cd "$script_dir/.." && pwd -P)"
if [ ! -f "$repo/package.json" ] || [ ! -d "$repo/scripts" ]; then die "cannot locate the repository root from $script_dir"; fi
# CHARTER_CACHE moves the cache out of the clone (CI keeps it between runs); default <repo>/.cache.
cache_dir="${CHARTER_CACHE:-$repo/.cache}"
case "$cache_dir" in /*) ;; *) die "CHARTER_CACHE must be an absolute path (got '$cache_dir')" ;; esac
mkdir -p "$cache_dir/roots"
cache="$(realpath -e "$cache_dir")"
roots="$(realpath -e "$cache/roots")"
if [ "$cache" != "${cache_dir%/}" ] || [ "$roots" != "$cache/roots" ]; then
  die "$cache_dir/roots resolves to $roots; refusing to follow a symlinked cache"
fi
case "$roots" in /|/bin*|/boot*|/dev*|/etc*|/lib*|/proc*|/sbin*|/sys*|/usr*|/var*) die "refusing cache dir $roots" ;; esac

root="$roots/$name"
base_tar="$roots/base-$SUITE.tar"
archives="$cache/apt-archives"
stamp="$roots/$name.stamp"

# assert_in_roots DIR: DIR must be a strict sub-path of $roots and never the host's /.
assert_in_roots() {
  local d
  d="$(realpath -m -- "$1")"
  [ "$d" != / ] || die "refusing to operate on /"
  case "$d" in "$roots"/?*) ;; *) die "refusing path outside $roots: $d" ;; esac
}

# mounted_under DIR: succeeds if anything is mounted at or below DIR.
mounted_under() {
  local d
  d="$(realpath -m -- "$1")"
  awk -v d="$d" '$5 == d || index($5, d "/") == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo
}

# remove_tree DIR: rm -rf confined to $roots, refusing while anything is mounted inside.
remove_tree() {
  assert_in_roots "$1"
  [ -e "$1" ] || return 0
  if mounted_under "$1"; then die "something is still mounted under $1; unmount it first"; fi
  rm -rf --one-file-system -- "$1"
}

# ---------------------------------------------------------------- lock (one builder at a time)
exec 9>"$roots/.lock"
flock -w 3600 9 || die "timed out waiting for $roots/.lock"

# ---------------------------------------------------------------- mirrors (from the host's apt)
# Prints the first URI that apt on this machine uses for <suite>, from deb822 .sources files and
# one-line .list files. Files apt ignores (other extensions) are skipped.
host_mirror_for() {
  local want="$1" f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    case "$f" in
      *.sources)
        awk -v want="$want" '
          function flush() { if (types ~ /(^| )deb( |$)/ && enabled != "no" && (" " suites " ") ~ (" " want " ") && uri != "") { print uri; exit 0 } types = ""; suites = ""; uri = ""; enabled = "" }
          /^[ \t]*#/ { next }
          /^[ \t]*$/ { flush(); next }
          tolower($1) == "types:"   { $1 = ""; types = $0 }
          tolower($1) == "uris:"    { uri = $2 }
          tolower($1) == "suites:"  { $1 = ""; suites = $0 }
          tolower($1) == "enabled:" { enabled = tolower($2) }
          END { flush() }' "$f" | head -n1 ;;
      *)
        awk -v want="$want" '
          $1 == "deb" { i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ } if ($(i+1) == want) { print $i; exit 0 } }' "$f" | head -n1 ;;
    esac
  done | head -n1
}
mirror="${DEBIAN_MIRROR:-$(host_mirror_for "$SUITE")}"
mirror="${mirror:-http://deb.debian.org/debian}"
security_mirror="${DEBIAN_SECURITY_MIRROR:-$(host_mirror_for "$SUITE-security")}"
security_mirror="${security_mirror:-http://deb.debian.org/debian-security}"
mirror="${mirror%/}"
security_mirror="${security_mirror%/}"
[[ "$mirror" =~ ^https?://[A-Za-z0-9.:/_~-]+$ ]] || die "unexpected mirror URI '$mirror'"
[[ "$security_mirror" =~ ^https?://[A-Za-z0-9.:/_~-]+$ ]] || die "unexpected security mirror URI '$security_mirror'"
log "mirror: $mirror (security: $security_mirror)"

# ---------------------------------------------------------------- chroot housekeeping
# Everything mounted or placed into a root for an install is recorded here and undone by
# cleanup(), which also runs on any exit (error, Ctrl-C).
active_root=""
mounted=()
resolv_saved=0
placed_policy=0

cleanup() {
  local rc=$? i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount -- "${mounted[$i]}" || { log "warning: could not unmount ${mounted[$i]}"; rc=1; }
  done
  mounted=()
  if [ -n "$active_root" ]; then
    if [ "$placed_policy" -eq 1 ]; then rm -f -- "$active_root/usr/sbin/policy-rc.d"; placed_policy=0; fi
    if [ "$resolv_saved" -eq 1 ]; then
      rm -f -- "$active_root/etc/resolv.conf"
      if [ -e "$active_root/etc/.resolv.conf.debian-root" ] || [ -L "$active_root/etc/.resolv.conf.debian-root" ]; then
        mv -- "$active_root/etc/.resolv.conf.debian-root" "$active_root/etc/resolv.conf"
      fi
      resolv_saved=0
    fi
    active_root=""
  fi
  return "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# in_root CMD...: run CMD inside the root with a clean, non-interactive environment.
in_root() {
  [ -x "$root/bin/sh" ] || die "$root does not look like a Debian root"
  chroot "$root" /usr/bin/env -i \
    PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true "$@"
}

# prepare_install: /proc, policy-rc.d (no service starts), the host's resolv.conf, and the shared
# .deb cache bind-mounted over /var/cache/apt/archives (so downloaded packages stay out of roots).
prepare_install() {
  active_root="$root"
  if [ -e "$root/etc/resolv.conf" ] || [ -L "$root/etc/resolv.conf" ]; then
    mv -- "$root/etc/resolv.conf" "$root/etc/.resolv.conf.debian-root"
  fi
  resolv_saved=1
  cp -L -- /etc/resolv.conf "$root/etc/resolv.conf"
  [ ! -e "$root/usr/sbin/policy-rc.d" ] || die "$root/usr/sbin/policy-rc.d already exists"
  printf '#!/bin/sh\n# written by debian-root.sh for the install only: no service starts in a chroot\nexit 101\n' \
    >"$root/usr/sbin/policy-rc.d"
  chmod 0755 "$root/usr/sbin/policy-rc.d"
  placed_policy=1
  mounted_under "$root/proc" && die "$root/proc is already mounted"
  mount -t proc proc "$root/proc"
  mounted+=("$root/proc")
  mkdir -p "$archives/partial"
  mount --bind "$archives" "$root/var/cache/apt/archives"
  mounted+=("$root/var/cache/apt/archives")
}

# ---------------------------------------------------------------- debootstrap
if ! command -v debootstrap >/dev/null 2>&1; then
  log "debootstrap is missing: running 'apt-get install -y debootstrap'"
  DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap >&2 \
    || { log "retrying after 'apt-get update'"; apt-get update >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap >&2; }
fi

if [ "$rebuild_base" -eq 1 ] && [ -e "$base_tar" ]; then
  log "--rebuild-base: removing $base_tar"
  rm -f -- "$base_tar"
fi
if [ ! -s "$base_tar" ]; then
  build="$roots/.base-$SUITE.build"
  remove_tree "$build"
  mkdir -p "$build"
  log "debootstrap --variant=minbase $SUITE $build $mirror"
  t0=$SECONDS
  debootstrap --variant=minbase "$SUITE" "$build" "$mirror" >&2
  log "debootstrap took $((SECONDS - t0)) s"
  tar --numeric-owner --xattrs --acls -C "$build" -cpf "$base_tar.tmp" .
  mv -- "$base_tar.tmp" "$base_tar"
  remove_tree "$build"
  log "base tar: $base_tar ($(du -h --apparent-size "$base_tar" | cut -f1))"
fi

# ---------------------------------------------------------------- derived root
# The stamp records what the root was built from; a matching stamp means "reuse as is".
spec="$(
  printf 'version=2\nsuite=%s\nmirror=%s\nsecurity=%s\nbase=%s\n' "$SUITE" "$mirror" "$security_mirror" \
    "$(stat -c '%s %Y' "$base_tar")"
  printf 'package=%s\n' "${packages[@]}"
  printf 'user=%s\nelement-homeserver=%s\n' "$user" "$homeserver"
  for f in "${setups[@]}"; do printf 'setup=%s %s\n' "$(basename -- "$f")" "$(sha256sum -- "$f" | cut -d' ' -f1)"; done
)"
if [ "$rebuild" -eq 0 ] && [ -d "$root" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$spec" ]; then
  log "reusing cached root $root (delete it or pass --rebuild to start over)"
  printf '%s\n' "$root"
  exit 0
fi

t_root=$SECONDS
rm -f -- "$stamp"
if [ -e "$root" ]; then log "removing stale root $root"; fi
remove_tree "$root"
mkdir -p "$root"
assert_in_roots "$root"
log "extracting $base_tar into $root"
tar --numeric-owner --xattrs --acls -C "$root" -xpf "$base_tar"

# apt sources as the Debian installer writes them (release, -updates, -security), so that the
# root can install security-updated packages and looks like an installed system.
cat >"$root/etc/apt/sources.list" <<EOF
deb $mirror $SUITE main
deb $mirror $SUITE-updates main
deb $security_mirror $SUITE-security main
EOF

prepare_install
log "apt-get update (in $root)"
in_root apt-get update >&2
if [ ${#packages[@]} -gt 0 ]; then
  log "apt-get install -y --no-install-recommends ${packages[*]} (in $root)"
  t0=$SECONDS
  in_root apt-get install -y --no-install-recommends "${packages[@]}" >&2
  log "install took $((SECONDS - t0)) s"
fi
if [ -n "$user" ]; then
  log "useradd -m -u 1000 -U -s /bin/bash $user (in $root)"
  in_root useradd -m -u 1000 -U -s /bin/bash "$user"
fi
for f in "${setups[@]}"; do
  log "setup script $(basename -- "$f") (in $root)"
  install -m 0755 -- "$f" "$root/tmp/debian-root-setup.sh"
  in_root env CHARTER_USER="$user" /bin/sh -eu /tmp/debian-root-setup.sh >&2
  rm -f -- "$root/tmp/debian-root-setup.sh"
done
cleanup
# debootstrap leaves its .debs in /var/cache/apt/archives; drop them and apt's binary caches
# (what `apt-get clean` does on an installed system) so every derived root carries only
# installed software and apt metadata.
log "apt-get clean (in $root)"
in_root apt-get clean

if [ -n "$homeserver" ]; then
  # Element Desktop reads a user config from $XDG_CONFIG_HOME/Element/config.json on Linux.
  # Structure follows element-hq/element-web config.sample.json (see scripts/README.md).
  home="$root/home/$user"
  if [ ! -d "$home" ] || [ -L "$home" ]; then die "$home is missing or a symlink"; fi
  for d in "$home/.config" "$home/.config/Element"; do
    [ ! -L "$d" ] || die "refusing symlinked $d"
    [ -d "$d" ] || install -d -m 0700 -o 1000 -g 1000 -- "$d"
  done
  conf="$home/.config/Element/config.json"
  log "writing $conf (m.homeserver https://matrix.$homeserver, server_name $homeserver)"
  cat >"$conf.tmp" <<EOF
{
    "default_server_config": {
        "m.homeserver": {
            "base_url": "https://matrix.$homeserver",
            "server_name": "$homeserver"
        },
        "m.identity_server": {
            "base_url": "https://vector.im"
        }
    },
    "disable_custom_urls": false,
    "disable_guests": false,
    "disable_login_language_selector": false,
    "disable_3pid_login": false,
    "force_verification": false,
    "brand": "Element",
    "default_country_code": "GB",
    "show_labs_settings": false,
    "features": {},
    "default_federate": true,
    "default_theme": "light",
    "room_directory": {
        "servers": ["$homeserver"]
    },
    "enable_presence_by_hs_url": {
        "https://matrix.$homeserver": false
    },
    "setting_defaults": {
        "breadcrumbs": true
    }
}
EOF
  chown 1000:1000 -- "$conf.tmp"
  chmod 0644 -- "$conf.tmp"
  mv -- "$conf.tmp" "$conf"
fi

printf '%s\n' "$spec" >"$stamp"
log "root ready in $((SECONDS - t_root)) s: $(du -sh --one-file-system "$root" | cut -f1)"
printf '%s\n' "$root"
