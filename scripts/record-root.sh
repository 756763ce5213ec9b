#!/usr/bin/env bash
# Record a Debian root made by debian-root.sh as a replay fixture, by running the real
# `charter record` INSIDE it: a chroot in its own mount, PID, network and UTS namespaces, with its own
# /proc, the host's /sys read-only, and the root bind-mounted onto itself so that / is a mount
# point as on a booted system. Nothing of the host's processes is visible to the recording.
#
#   scripts/record-root.sh <root-dir> <fixture-dir> [--boot SCRIPT]
#
# --boot SCRIPT: run SCRIPT (sh) inside the root, in the same namespaces, just before recording:
# what the machine would have started at boot (e.g. `ufw --force enable` loads its rules into the
# recording's own network namespace). Nothing else is running: no systemd, no services.
#
# Needs root, util-linux unshare, a built dist/ (npm run build). The recorder is copied into the
# root's /tmp and removed afterwards; the root is otherwise left as it was.
set -euo pipefail

root=$(realpath "$1")
out=$2
boot=""
if [ "${3:-}" = --boot ]; then boot=$(realpath -e -- "${4:?--boot needs a script}"); fi
repo=$(cd "$(dirname "$0")/.." && pwd)

[ "$(id -u)" = 0 ] || { echo "record-root.sh: needs root" >&2; exit 2; }
[ -x "$root/bin/sh" ] || { echo "record-root.sh: $root is not a root filesystem" >&2; exit 2; }
[ "$root" != / ] || { echo "record-root.sh: refusing to record /" >&2; exit 2; }
[ -f "$repo/dist/cli.js" ] || { echo "record-root.sh: run npm run build first" >&2; exit 2; }
[ ! -e "$out" ] || { echo "record-root.sh: $out exists; remove it first" >&2; exit 2; }

stage="$root/tmp/charter-recorder"
cleanup() { rm -rf "$stage" "$root/tmp/charter-recording"; }
trap cleanup EXIT
cleanup
mkdir -p "$stage"
cp "$(readlink -f "$(command -v node)")" "$stage/node"
cp -r "$repo/bin" "$repo/dist" "$repo/policies" "$repo/schemas" "$repo/package.json" "$stage/"
if [ -n "$boot" ]; then cp -- "$boot" "$stage/boot.sh"; fi

# shellcheck disable=SC2016 # $ROOT expands inside the namespaced bash, on purpose
unshare --mount --pid --net --fork --uts --propagation private env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  ROOT="$root" bash -euo pipefail -c '
    mount --bind "$ROOT" "$ROOT"
    mount -t proc -o nosuid,nodev,noexec proc "$ROOT/proc"
    mount --rbind /sys "$ROOT/sys"
    mount -o remount,bind,ro "$ROOT/sys"
    hostname recorded-host
    ip link set lo up 2>/dev/null || true
    if [ -f "$ROOT/tmp/charter-recorder/boot.sh" ]; then chroot "$ROOT" /bin/sh -eu /tmp/charter-recorder/boot.sh; fi
    chroot "$ROOT" /tmp/charter-recorder/node /tmp/charter-recorder/bin/charter.js \
      record --output /tmp/charter-recording
  '
mkdir -p "$(dirname "$out")"
cp -r "$root/tmp/charter-recording" "$out"
echo "$out"
