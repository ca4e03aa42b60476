#!/bin/sh
# Entrypoint of the e2e test's redis image (built FROM scratch from Debian's redis-server).
# Like the official image: arguments starting with '-' are redis-server options. Always
# adds `--protected-mode no` (Debian's build defaults to protected mode, which refuses
# clients from other containers) and `--dir /data` (the volume), then the given options,
# e.g. `--appendonly yes --requirepass <password>` from the generated Compose file.
set -eu
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then set -- redis-server "$@"; fi
if [ "$1" = redis-server ]; then
  shift
  set -- redis-server --protected-mode no --dir /data "$@"
fi
exec "$@"
