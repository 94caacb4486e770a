#!/usr/bin/env bash
# Installs from Debian what the benchmarks compare Kitap with, when it is missing:
#   poppler-utils  pdftotext, the reference of `npm run bench:ingest`
#   time           /usr/bin/time, the peak memory of pdftotext in `npm run bench:ingest`
#   nginx          the static-file baseline of `npm run bench` (bench/baseline.ts)
# Running it again installs nothing. Root runs apt-get itself; anyone else through sudo.
# The benchmarks start nginx themselves on a free loopback port: the Debian service is not needed
# (where apt starts services, `systemctl disable --now nginx` stops it).
set -euo pipefail

missing=()
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -x /usr/bin/time ] || missing+=(time)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)

if [ ${#missing[@]} -eq 0 ]; then
  echo "bench/setup.sh: pdftotext, /usr/bin/time and nginx are installed; nothing to do"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "bench/setup.sh: no apt-get here; install these yourself: ${missing[*]}" >&2
  exit 1
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "bench/setup.sh: not root and no sudo; as root run: apt-get install ${missing[*]}" >&2; exit 1; }
  as_root=(sudo)
fi

echo "bench/setup.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
