#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster (started here, removed afterwards):
#   scripts/with-postgres.sh .venv/bin/pytest
# DATABASE_URL points at it for the command. PostgreSQL refuses to run as root, so the server
# runs as the `postgres` user when we are root.
set -euo pipefail
# Debian keeps the server binaries off PATH, in a directory per major version: take the newest.
initdb_path=$(command -v initdb || ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$initdb_path" ] && [ -x "$initdb_path" ] || { echo "PostgreSQL server binaries not found (scripts/system-deps.sh test installs them)" >&2; exit 1; }
bin=$(dirname "$(readlink -f "$initdb_path")")
# A free port unless one is given, so that several runs can share the machine.
port=${TEST_PGPORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
dir=$(mktemp -d /tmp/creneau-pg.XXXXXX)

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
  chown postgres "$dir"
fi

stop() {
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
# Durability off: a throwaway test cluster, never data anyone keeps.
as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o \
  "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/creneau"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on port $port"
"$@"
