#!/usr/bin/env bash
# CI packaging stage (issue 5), run by .ci/run after the unit tests:   bash .ci/package.sh
#
#   1. apt packages it needs (Wine, NSIS, msitools/wixl, mingw, gnome-keyring), if missing
#   2. the pinned Linux build environment (build/venv, build_spec/requirements-linux.txt)
#   3. the Linux onedir (dist/posrev) and its frozen `posrev-cli selftest`, offscreen, with a
#      real Secret Service keyring
#   4. the bare PySide6 QtWidgets baseline onedir; size ratio (target <= 1.2x)
#   5. the Wine pipeline (build_spec/build_windows.sh): Windows onedir, NSIS + MSI, silent
#      install, selftest, upgrade, uninstall under Wine
# Timings of each stage are printed at the end. POSREV_SKIP_WINE=1 stops after stage 4.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
T0=$(date +%s)
STAGES=()
stage_start=$T0
stage() {
  local now; now=$(date +%s)
  [ -z "${STAGE:-}" ] || STAGES+=("$(printf '%5ds  %s' $((now - stage_start)) "$STAGE")")
  STAGE=$1; stage_start=$now
  printf '\n##### [package %4ds] %s\n' $((now - T0)) "$1"
}

stage "apt packages"
APT_PACKAGES=(wine64 wine nsis msitools wixl gcc-mingw-w64-x86-64-win32 gnome-keyring dbus-x11)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "wine $(dpkg-query -W -f='${Version}' wine64), nsis $(dpkg-query -W -f='${Version}' nsis), wixl $(dpkg-query -W -f='${Version}' wixl)"

stage "Linux build environment (pinned)"
VENV=$ROOT/build/venv
REQ=$ROOT/build_spec/requirements-linux.txt
stamp=$(sha256sum "$REQ" | cut -d' ' -f1)
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$VENV/.requirements-sha256" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQ"
  echo "$stamp" > "$VENV/.requirements-sha256"
fi
"$VENV/bin/python" -c "import PySide6, PyInstaller; print('PySide6', PySide6.__version__, '| PyInstaller', PyInstaller.__version__)"

stage "Linux onedir"
"$VENV/bin/python" build_spec/build.py --clean

stage "Linux frozen selftest (offscreen)"
selftest_home=$(mktemp -d)
run_keyring() {
  if [ -x .ci/keyring-session.sh ]; then .ci/keyring-session.sh "$@"; else
    dbus-run-session -- sh -c 'printf %s pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' sh "$@"
  fi
}
set +e
(
  unset DISPLAY WAYLAND_DISPLAY
  export QT_QPA_PLATFORM=offscreen POSREV_HOME="$selftest_home"
  run_keyring dist/posrev/posrev-cli selftest
) 2>&1 | grep -v "Failed to set fd limit" | tee "$selftest_home.txt"
rc=${PIPESTATUS[0]}
# The Linux build loads the system's libpq (apt libpq5) through psycopg's ctypes binding.
if [ "$rc" = 0 ] && ! grep -q '^ok  fleet driver (psycopg .*, python libpq ' "$selftest_home.txt"; then
  echo "the Linux build does not load the system's libpq (the selftest's fleet driver line)"
  rc=1
fi
rm -f "$selftest_home.txt"
set -e
rm -rf "$selftest_home"
[ "$rc" = 0 ] || { echo "Linux frozen selftest failed (exit $rc)"; exit 1; }

stage "Linux baseline onedir + size ratio"
rm -rf build/baseline
"$VENV/bin/python" build_spec/build.py --baseline --distpath build/baseline --workpath build/baseline-work
"$VENV/bin/python" benchmarks/onedir_size.py dist/posrev build/baseline/hello --label linux

if [ "${POSREV_SKIP_WINE:-0}" != 1 ]; then
  stage "Windows build and installers under Wine"
  HOST_PYTHON="$VENV/bin/python" bash build_spec/build_windows.sh
fi

stage "done"
echo "Packaging timings:"
printf '  %s\n' "${STAGES[@]}"
echo "Packaging total: $(( $(date +%s) - T0 )) s"
