# Sourced by the shell tests that run sstrackd (tests/*_test.sh) from the
# runfiles root: the binaries and config/ by absolute path, a work folder of
# the test's own, check() and wait_port().
sstrack="$PWD/cli/sstrack"
sstrackd="$PWD/cli/sstrackd"
cfg="$PWD/config"
cd "${TEST_TMPDIR:-$(mktemp -d)}"
export SSTRACK_CONFIG_DIR="$cfg"
fail=0
check() {  # description, condition result
  if [ "$2" -ne 0 ]; then echo "FAIL: $1"; fail=1; else echo "ok: $1"; fi
}
wait_port() {  # pid, log: up to 60 s for sstrackd's "port N" line in port.txt;
  # if it does not come, say whether the process is alive and show its log.
  for _ in $(seq 600); do
    grep -q '^port ' port.txt 2>/dev/null && return 0
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  grep -q '^port ' port.txt 2>/dev/null && return 0
  if kill -0 "$1" 2>/dev/null; then echo "sstrackd (pid $1) alive but not listening after 60 s; its log:"
  else echo "sstrackd (pid $1) exited before listening; its log:"; fi
  tail -n 20 "$2" | sed 's/^/  | /'
  return 1
}
