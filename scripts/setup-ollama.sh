#!/usr/bin/env bash
# `npm run setup:ollama`: build the pinned Ollama from the Go module proxy into .tools/bin/ollama, then
# (scripts/setup-ollama-models.ts) start it on a private port and register the models that
# `switchyard models pull` unpacked, from the same files. Idempotent: a present binary of the pinned
# version is kept; a warm Go cache rebuilds in seconds.
# Recipe (why each piece): Ollama's cgo sources include three headers Debian does not ship with Go:
# nlohmann/json and stb come from apt, miniaudio.h from the PyPI sdist `miniaudio`; the version is
# stamped with -ldflags; -march=x86-64-v3 gives ~5x tokens/s over the default (AVX2/FMA paths).
set -euo pipefail
OLLAMA_VERSION=0.17.4
MINIAUDIO_VERSION=1.71
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
bin="$tools/bin/ollama"
started=$(date +%s)

if [[ -x "$bin" ]] && "$bin" --version 2>/dev/null | grep -q "$OLLAMA_VERSION"; then
  echo "setup:ollama: $bin is already $OLLAMA_VERSION"
else
  if ! dpkg -s nlohmann-json3-dev libstb-dev >/dev/null 2>&1; then
    echo "setup:ollama: installing nlohmann-json3-dev libstb-dev (apt)"
    apt-get update -qq
    apt-get install -y -qq nlohmann-json3-dev libstb-dev
  fi
  include="$tools/ollama-include"
  # Ollama includes it as "miniaudio/miniaudio.h".
  if [[ ! -f "$include/miniaudio/miniaudio.h" ]]; then
    echo "setup:ollama: fetching miniaudio.h from the PyPI sdist miniaudio==$MINIAUDIO_VERSION"
    tmp="$(mktemp -d)"
    # --no-binary for miniaudio only: its sdist holds the header; its build deps may come as wheels.
    pip download --quiet --no-deps --no-binary miniaudio "miniaudio==$MINIAUDIO_VERSION" -d "$tmp"
    mkdir -p "$include/miniaudio"
    tar -xzf "$tmp"/miniaudio-*.tar.gz -C "$tmp"
    cp "$(find "$tmp" -name miniaudio.h | head -1)" "$include/miniaudio/miniaudio.h"
    rm -rf "$tmp"
  fi
  echo "setup:ollama: building github.com/ollama/ollama@v$OLLAMA_VERSION (about 15 min on 2 cores with a cold Go cache)"
  src="$tools/ollama-src"
  if [[ ! -f "$src/go.mod" ]]; then
    moddir="$(cd "$tools" && GOFLAGS=-mod=mod go mod download -json "github.com/ollama/ollama@v$OLLAMA_VERSION" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')"
    rm -rf "$src" && cp -r "$moddir" "$src" && chmod -R u+w "$src"
  fi
  mkdir -p "$tools/bin"
  (cd "$src" && CGO_ENABLED=1 CPLUS_INCLUDE_PATH="$include${CPLUS_INCLUDE_PATH:+:$CPLUS_INCLUDE_PATH}" \
    C_INCLUDE_PATH="$include${C_INCLUDE_PATH:+:$C_INCLUDE_PATH}" \
    CGO_CFLAGS="-O3 -march=x86-64-v3" CGO_CXXFLAGS="-O3 -march=x86-64-v3" \
    go build -trimpath -ldflags "-X github.com/ollama/ollama/version.Version=$OLLAMA_VERSION" -o "$bin" .)
  echo "setup:ollama: built $bin in $(( $(date +%s) - started ))s"
fi

if [[ "${1:-}" != "--build-only" ]]; then
  cd "$root" && node --import tsx scripts/setup-ollama-models.ts
fi
echo "setup:ollama: done in $(( $(date +%s) - started ))s"
