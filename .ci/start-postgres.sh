#!/usr/bin/env bash
# Makes a PostgreSQL server available to the tests on this machine, from nothing if need be: installs Debian's
# package when it is missing, creates and starts a cluster, then a user and a database for the test run.
# Progress goes to stderr; stdout carries one line, `export TEST_DATABASE_URL=…`, so a caller can write
#   eval "$(bash .ci/start-postgres.sh)"
set -euo pipefail

PG_USER="${K8SBLOG_PG_USER:-k8sblog}"
PG_PASSWORD="${K8SBLOG_PG_PASSWORD:-k8sblog}"
PG_DB="${K8SBLOG_PG_DB:-k8sblog_test}"

say() { echo "start-postgres: $*" >&2; }
# Installing, creating and starting a cluster need root; a developer's machine gets there through sudo.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  say "PostgreSQL is not installed; installing Debian's package"
  # Waits for another apt run (the CI step before this one, unattended upgrades) instead of failing on its lock.
  { as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y postgresql; } >&2
fi

VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
# A fresh install normally creates the cluster "main"; a machine where it was dropped gets a new one.
if ! pg_lsclusters --no-header 2>/dev/null | awk '{print $1, $2}' | grep -qx "$VERSION main"; then
  say "creating cluster $VERSION/main"
  # C.UTF-8 is always there on Debian; a locale from the environment that was never generated would fail initdb.
  as_root pg_createcluster --locale C.UTF-8 "$VERSION" main >&2
fi

PORT="$(pg_lsclusters --no-header | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $3}')"
STATUS="$(pg_lsclusters --no-header | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $4}')"
case "$STATUS" in
  online*) ;;
  *)
    say "starting cluster $VERSION/main on port $PORT"
    # No init system in containers: pg_ctlcluster starts the server directly.
    as_root pg_ctlcluster "$VERSION" main start >&2
    ;;
esac

for _ in $(seq 1 60); do
  if pg_isready -q -h 127.0.0.1 -p "$PORT"; then break; fi
  sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$PORT" >&2 || { say "server did not become ready on port $PORT"; exit 1; }

as_postgres psql -v ON_ERROR_STOP=1 -q -p "$PORT" -d postgres >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER') THEN
    CREATE ROLE "$PG_USER" LOGIN PASSWORD '$PG_PASSWORD';
  ELSE
    ALTER ROLE "$PG_USER" LOGIN PASSWORD '$PG_PASSWORD';
  END IF;
END
\$\$;
SQL
if ! as_postgres psql -q -p "$PORT" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'" | grep -qx 1; then
  # UTF-8 whatever the cluster was initialised with (a cluster made under the POSIX locale is SQL_ASCII).
  as_postgres createdb -p "$PORT" -O "$PG_USER" -E UTF8 --locale C.UTF-8 -T template0 "$PG_DB" >&2
fi

URL="postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PORT/$PG_DB"
say "ready: database $PG_DB on 127.0.0.1:$PORT"
echo "export TEST_DATABASE_URL=$URL"
