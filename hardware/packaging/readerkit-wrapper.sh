#!/bin/sh
# /usr/bin/readerkit: the ReaderKit tool (/usr/lib/readerkit/readerkit).
# The verbs that read or write the service's state (doctor, status, journal, pair) run as the service user when
# started as root, so that files they create in /var/lib/readerkit (SQLite -shm/-wal, pairing tokens) stay usable
# by readerkit-host. READERKIT_AS_ROOT=1 keeps root.
exe=/usr/lib/readerkit/readerkit
case "${1:-}" in
  doctor|status|journal|pair)
    if [ "$(id -u)" = 0 ] && [ -z "${READERKIT_AS_ROOT:-}" ] && id readerkit >/dev/null 2>&1; then
      exec runuser -u readerkit -- "$exe" "$@"
    fi
    ;;
esac
exec "$exe" "$@"
