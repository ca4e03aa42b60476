#!/bin/sh
# Entrypoint of the e2e test's postgres image (built FROM scratch from Debian's
# postgresql-15). Honours the official image's interface: POSTGRES_PASSWORD or
# POSTGRES_PASSWORD_FILE, POSTGRES_USER, POSTGRES_DB, PGDATA. Runs as the image user
# (uid 999) on a read-only root: it writes only to $PGDATA, /tmp and /var/run/postgresql.
set -eu
# `docker run image -c x=y` means `postgres -c x=y`, as in the official image.
if [ "${1#-}" != "$1" ]; then set -- postgres "$@"; fi

if [ "$1" = postgres ]; then
  export PGDATA="${PGDATA:-/var/lib/postgresql/data}"
  if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then POSTGRES_PASSWORD="$(cat "$POSTGRES_PASSWORD_FILE")"; fi
  : "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE must be set}"
  POSTGRES_USER="${POSTGRES_USER:-postgres}"
  POSTGRES_DB="${POSTGRES_DB:-$POSTGRES_USER}"
  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    mkdir -p "$PGDATA" && chmod 700 "$PGDATA"
    pwfile="$(mktemp)"                       # on the /tmp tmpfs, removed right after
    printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
    # Superuser $POSTGRES_USER; trust on the local socket, SCRAM over TCP (as the official image).
    initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust \
      --auth-host=scram-sha-256 --encoding=UTF8 --locale=C > /dev/null
    rm -f "$pwfile"
    echo "listen_addresses = '*'" >> "$PGDATA/postgresql.conf"
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    if [ "$POSTGRES_DB" != postgres ]; then
      # Single-user mode: no server, no socket needed to create the database.
      echo "CREATE DATABASE \"$POSTGRES_DB\";" | postgres --single -D "$PGDATA" postgres > /dev/null
    fi
    echo "entrypoint: initialized $PGDATA (user $POSTGRES_USER, database $POSTGRES_DB)"
  fi
fi
exec "$@"
