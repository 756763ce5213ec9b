#!/usr/bin/env bash
# root-image.sh — pack a root filesystem (e.g. one built by debian-root.sh) into a one-layer image
# archive in the shape `docker save` writes since Docker 25: an uncompressed tar holding
# oci-layout, index.json, manifest.json and blobs/sha256/<hex> (config, manifest, and the layer
# as a gzip-compressed tar). Formats: OCI image-spec (image-layout.md, manifest.md) and moby's
# image/spec/v1.2.md for manifest.json. The root is only read. Like `docker save`, the layer is an
# uncompressed tar unless --gzip is given (registries and OCI tools ship gzip layers).
#
#   scripts/root-image.sh [--gzip] <root-dir> <output.tar>
#
# Needs to read every file of the root (run as root for a debootstrap root).
set -euo pipefail

gzip_layer=0
if [ "${1:-}" = --gzip ]; then gzip_layer=1; shift; fi
[ $# -eq 2 ] || { echo "usage: scripts/root-image.sh [--gzip] <root-dir> <output.tar>" >&2; exit 2; }
root=$(realpath -e -- "$1")
out=$2
[ -x "$root/bin/sh" ] || { echo "root-image.sh: $root is not a root filesystem" >&2; exit 2; }
[ "$root" != / ] || { echo "root-image.sh: refusing to pack /" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf -- "$work"' EXIT
mkdir -p "$work/blobs/sha256"

# The layer: numeric owners, no access times, sorted names, so the same root gives the same bytes.
tar --numeric-owner --sort=name --mtime='@0' --clamp-mtime --xattrs -C "$root" \
  --exclude=./proc/* --exclude=./sys/* --exclude=./dev/* --exclude=./tmp/* -cf - . >"$work/layer.tar"
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
media=application/vnd.oci.image.layer.v1.tar
if [ "$gzip_layer" = 1 ]; then
  gzip -1 -n "$work/layer.tar"
  mv -- "$work/layer.tar.gz" "$work/layer.tar"
  media=application/vnd.oci.image.layer.v1.tar+gzip
fi
layer=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
layer_size=$(stat -c %s "$work/layer.tar")
mv -- "$work/layer.tar" "$work/blobs/sha256/$layer"

blob() { # blob FILE → prints hex digest, moves FILE into blobs/
  local hex
  hex=$(sha256sum "$1" | cut -d' ' -f1)
  mv -- "$1" "$work/blobs/sha256/$hex"
  printf '%s' "$hex"
}

printf '{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
  "$diff_id" >"$work/config.json"
config_size=$(stat -c %s "$work/config.json")
config=$(blob "$work/config.json")

printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"%s","digest":"sha256:%s","size":%s}]}' \
  "$config" "$config_size" "$media" "$layer" "$layer_size" >"$work/manifest-blob.json"
manifest_size=$(stat -c %s "$work/manifest-blob.json")
manifest=$(blob "$work/manifest-blob.json")

name=$(basename -- "$root")
printf '{"imageLayoutVersion":"1.0.0"}' >"$work/oci-layout"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"io.containerd.image.name":"charter/%s:latest","org.opencontainers.image.ref.name":"latest"}}]}' \
  "$manifest" "$manifest_size" "$name" >"$work/index.json"
printf '[{"Config":"blobs/sha256/%s","RepoTags":["charter/%s:latest"],"Layers":["blobs/sha256/%s"]}]' \
  "$config" "$name" "$layer" >"$work/manifest.json"

tar --numeric-owner --sort=name --mtime='@0' -C "$work" -cf "$out.tmp" oci-layout index.json manifest.json blobs
mv -- "$out.tmp" "$out"
echo "$out"
