#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for accord's tests.
#
#   eval "$(scripts/pg.sh start)"   # installs PostgreSQL if absent, starts a
#                                   # cluster, prints `export ACCORD_TEST_PG=…`
#   cargo test --workspace
#   scripts/pg.sh stop              # stops it and deletes its files
#   scripts/pg.sh status
#
# The cluster lives in a temporary folder owned by an unprivileged user
# (initdb refuses root): `accordpg`, created when missing. It listens on
# 127.0.0.1 only, on ACCORD_PG_PORT (default 55432), and holds:
#   - database `accord`, owned by role `accord_owner` (password `owner-pw`):
#     creates schemas and logs (`accord init`) — ACCORD_TEST_PG;
#   - role `accord_app` (password `app-pw`): may connect, and is granted
#     SELECT and INSERT on a log by events/sql/postgres/grants.sql —
#     ACCORD_TEST_PG_APP.
# Passwords are checked (scram-sha-256) over TCP; they are test-only.
#
# Messages go to stderr; stdout carries only the export lines.
set -euo pipefail

PORT="${ACCORD_PG_PORT:-55432}"
STATE="${ACCORD_PG_STATE:-${TMPDIR:-/tmp}/accord-pg-$PORT}"
OS_USER="${ACCORD_PG_USER:-accordpg}"

say() { echo "pg.sh: $*" >&2; }

as_user() {
    if [ "$(id -u)" = 0 ]; then
        # From /, which the unprivileged user can always enter.
        (cd / && runuser -u "$OS_USER" -- "$@")
    else
        "$@"
    fi
}

find_bindir() {
    local d
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
            echo "$d"
            return 0
        fi
    done
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v initdb)")"
        return 0
    fi
    return 1
}

install_postgres() {
    say "PostgreSQL not found: installing it from the distribution's packages"
    if [ "$(id -u)" != 0 ]; then
        say "need root to install postgresql (apt-get install -y postgresql)"
        exit 1
    fi
    # No default cluster on port 5432: this script makes its own.
    mkdir -p /etc/postgresql-common
    if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
        echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.conf
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >&2
}

urls() {
    echo "export ACCORD_TEST_PG='postgres://accord_owner:owner-pw@127.0.0.1:$PORT/accord'"
    echo "export ACCORD_TEST_PG_APP='postgres://accord_app:app-pw@127.0.0.1:$PORT/accord'"
}

start() {
    local bindir
    bindir="$(find_bindir)" || { install_postgres; bindir="$(find_bindir)"; } || {
        say "no initdb/pg_ctl after installing postgresql"
        exit 1
    }
    if [ "$(id -u)" = 0 ] && ! id "$OS_USER" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$OS_USER"
    fi
    if [ -f "$STATE/data/postmaster.pid" ] && as_user "$bindir/pg_ctl" -D "$STATE/data" status >/dev/null 2>&1; then
        say "already running on 127.0.0.1:$PORT ($STATE)"
        urls
        return 0
    fi
    rm -rf "$STATE"
    mkdir -p "$STATE"
    [ "$(id -u)" = 0 ] && chown "$OS_USER" "$STATE"
    chmod 700 "$STATE"
    say "initdb in $STATE/data ($bindir)"
    as_user "$bindir/initdb" -D "$STATE/data" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$STATE/initdb.log" 2>&1 \
        || { cat "$STATE/initdb.log" >&2; exit 1; }
    as_user "$bindir/pg_ctl" -D "$STATE/data" -l "$STATE/server.log" -w -t 60 \
        -o "-p $PORT -c listen_addresses=127.0.0.1 -k $STATE -c fsync=on -c max_connections=60" \
        start >&2 || { cat "$STATE/server.log" >&2; exit 1; }
    echo "$bindir" > "$STATE/bindir"
    local psql=("$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$STATE" -p "$PORT" -U postgres)
    as_user "${psql[@]}" -d postgres >&2 <<'SQL'
CREATE ROLE accord_owner LOGIN PASSWORD 'owner-pw';
CREATE ROLE accord_app LOGIN PASSWORD 'app-pw';
CREATE DATABASE accord OWNER accord_owner;
REVOKE ALL ON DATABASE accord FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE accord TO accord_app;
SQL
    as_user "${psql[@]}" -d accord >&2 <<'SQL'
-- Only the owner creates objects in the default schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO accord_owner;
SQL
    say "running on 127.0.0.1:$PORT (stop with: scripts/pg.sh stop)"
    urls
}

stop() {
    if [ ! -d "$STATE" ]; then
        say "nothing to stop ($STATE does not exist)"
        return 0
    fi
    local bindir
    bindir="$(cat "$STATE/bindir" 2>/dev/null || find_bindir || true)"
    if [ -n "$bindir" ] && [ -f "$STATE/data/postmaster.pid" ]; then
        as_user "$bindir/pg_ctl" -D "$STATE/data" -m fast -w stop >&2 || true
    fi
    rm -rf "$STATE"
    say "stopped and removed $STATE"
}

status() {
    local bindir
    bindir="$(cat "$STATE/bindir" 2>/dev/null || true)"
    if [ -n "$bindir" ] && as_user "$bindir/pg_ctl" -D "$STATE/data" status >&2; then
        urls
    else
        say "not running"
        return 1
    fi
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *)
        echo "usage: scripts/pg.sh start|stop|status" >&2
        exit 2
        ;;
esac
