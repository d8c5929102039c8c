#!/bin/sh
# Run a command inside a private D-Bus session with an unlocked gnome-keyring (Secret Service),
# so that keyring's SecretService backend is real and usable in CI (no desktop, no prompt).
#
#   .ci/keyring-session.sh python -m pytest -m keyring -v
#
# The keyring is throw-away: its password is "pw" and it lives only as long as the session
# bus; dbus-run-session stops the daemon when the command ends. The command's exit code is
# propagated. Needs apt packages gnome-keyring and dbus-x11 (or dbus-daemon).
set -eu

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$0: '$tool' is not installed (apt install gnome-keyring dbus-x11)." >&2
        exit 127
    fi
done

# "$@" is handed to the inner shell as its positional parameters ("sh" fills $0), so every
# argument reaches the command unchanged, whatever spaces or quotes it holds. The daemon's
# output (its environment lines) is discarded; the command's exit code is the session's,
# which dbus-run-session returns.
#
# The daemon keeps its keyring files in a fresh folder (XDG_DATA_HOME for the daemon only), so
# a run never sees nor leaves behind entries of the user's own keyring or of an earlier run.
exec dbus-run-session -- sh -c '
    keyrings=$(mktemp -d "${TMPDIR:-/tmp}/posrev-keyring.XXXXXX") || exit 125
    printf %s pw | XDG_DATA_HOME="$keyrings" gnome-keyring-daemon --unlock --components=secrets \
        >/dev/null || exit 125
    "$@"
    rc=$?
    rm -rf "$keyrings"
    exit $rc
' sh "$@"
