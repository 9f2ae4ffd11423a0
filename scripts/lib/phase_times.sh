# Sourced by scripts/test. `timed NAME COMMAND...` runs COMMAND and prints
# how long it took, whether it passed or failed, so that a CI log shows
# where the time of a run went (a fresh clone's run must stay under 60
# minutes). Returns COMMAND's exit status.
timed() {
  local name=$1 start=$SECONDS status=0
  shift
  "$@" || status=$?
  local took=$((SECONDS - start))
  printf 'test: phase %s took %d min %02d s (exit %d, %d min since the start)\n' \
    "$name" $((took / 60)) $((took % 60)) "$status" $((SECONDS / 60))
  return $status
}
