#!/usr/bin/env bash
# Passes when the file given is empty; prints it otherwise (a dependency
# path that must not exist, from a genquery).
if [ -s "$1" ]; then
  echo "FAIL: expected no dependency path, found:" >&2
  cat "$1" >&2
  exit 1
fi
echo "ok: $1 is empty"
