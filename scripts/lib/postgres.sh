# Sourced by scripts/test and scripts/bench: starts a throwaway PostgreSQL 15
# server for tests and benchmarks, listening on 127.0.0.1 on a free port, with
# its data in a temporary directory, and stops it (and removes the directory)
# when the calling script exits.
#
#   start_scratch_postgres      # sets TWINNING_SCRATCH_POSTGRES_URL
#
# initdb refuses to run as root, so as root the server runs as the `postgres`
# system user (created by Debian's postgresql package). The cluster uses the C
# locale so that text sorts by code point, as SQLite's BINARY collation does,
# and fsync is off: the data is thrown away.

scratch_postgres_bin() {
  local d
  for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  return 1
}

# Prints a TCP port on 127.0.0.1 that nothing listens on.
scratch_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

_scratch_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_scratch_postgres() {
  if [ -n "${_SCRATCH_PG_DIR:-}" ] && [ -d "$_SCRATCH_PG_DIR" ]; then
    _scratch_pg_as_owner "$_SCRATCH_PG_BIN/pg_ctl" -D "$_SCRATCH_PG_DIR/data" -m immediate \
      stop >/dev/null 2>&1 || true
    rm -rf "$_SCRATCH_PG_DIR"
  fi
  _SCRATCH_PG_DIR=""
}

start_scratch_postgres() {
  _SCRATCH_PG_BIN=$(scratch_postgres_bin) || {
    echo "postgres: no PostgreSQL server binaries (install the postgresql package: scripts/setup)" >&2
    return 1
  }
  # As root the server runs as `postgres`, which must reach the directory:
  # /tmp, not a TMPDIR that may lie under root's home.
  local tmp="${TMPDIR:-/tmp}"
  if [ "$(id -u)" -eq 0 ]; then tmp=/tmp; fi
  _SCRATCH_PG_DIR=$(mktemp -d "$tmp/twinning-pg.XXXXXX")
  trap stop_scratch_postgres EXIT
  trap 'exit 130' INT TERM
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$_SCRATCH_PG_DIR"; fi
  _scratch_pg_as_owner "$_SCRATCH_PG_BIN/initdb" -D "$_SCRATCH_PG_DIR/data" -U postgres \
    -A trust --locale=C --encoding=UTF8 --no-sync >"$_SCRATCH_PG_DIR/initdb.log" 2>&1 || {
    cat "$_SCRATCH_PG_DIR/initdb.log" >&2
    return 1
  }
  local port tries=0
  while :; do
    port=$(scratch_free_port)
    if _scratch_pg_as_owner "$_SCRATCH_PG_BIN/pg_ctl" -D "$_SCRATCH_PG_DIR/data" -w -t 60 \
        -l "$_SCRATCH_PG_DIR/server.log" \
        -o "-p $port -k $_SCRATCH_PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
        start >/dev/null; then
      break
    fi
    tries=$((tries + 1))
    if [ "$tries" -ge 3 ]; then
      cat "$_SCRATCH_PG_DIR/server.log" >&2
      return 1
    fi
  done
  TWINNING_SCRATCH_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
  export TWINNING_SCRATCH_POSTGRES_URL
}
