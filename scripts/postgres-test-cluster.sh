#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests, on 127.0.0.1:${PGPORT:-55432}, and prints
# the DATABASE_URL_TEST to use. Debian's postgresql package; run as root (the cluster runs as the
# `postgres` user, which PostgreSQL requires) or as any user who may run initdb.
#   export DATABASE_URL_TEST=$(bash scripts/postgres-test-cluster.sh)
set -euo pipefail
port=${PGPORT:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed: apt-get install postgresql" >&2
  exit 1
fi
dir=$(mktemp -d /tmp/bigcommerce-trigger-pg-XXXXXX)
as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi
"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
# Loopback only, its socket in its own folder; fsync stays on, as in production.
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-h 127.0.0.1 -p $port -k $dir -c max_connections=200" start >/dev/null
echo "postgres://postgres@127.0.0.1:$port/postgres"
