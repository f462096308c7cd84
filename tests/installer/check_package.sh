#!/usr/bin/env bash
# tst_package: builds the .deb and the .tar.gz from the build tree with cpack (into a temporary folder, so
# the build folder's own packages are left alone) and checks them:
#   - every file the package promises is in both (installer/CMakeLists.txt lists them), nothing outside /usr;
#   - the .deb's control fields, Depends filled by dpkg-shlibdeps;
#   - the PNG icons have their sizes; the desktop file and the AppStream metainfo validate (when
#     desktop-file-validate / appstreamcli are installed: bootstrap.sh installs both);
#   - the man page renders without a warning and names every command of `prescient help`;
#   - unpacked with dpkg-deb -x, the executables run with LD_LIBRARY_PATH unset: `prescient help`,
#     `prescient-gui --help` (offscreen), `prescient trace record` finds the recorder in ../lib/prescient,
#     and the stock sqlite3 shell loads the installed extension.
# Usage: check_package.sh BUILD_DIR VERSION
set -euo pipefail
build=$(cd "$1" && pwd)
version=$2
unset LD_LIBRARY_PATH LD_PRELOAD PRESCIENT_RECORDER PRESCIENT_REPO

work=$(mktemp -d "${TMPDIR:-/tmp}/prescient-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }

expected=(
    bin/prescient
    bin/prescient-gui
    lib/prescient/libprescient_recorder.so
    lib/prescient/libprescient_vfs.so
    share/applications/prescient.desktop
    share/icons/hicolor/scalable/apps/prescient.svg
    share/metainfo/org.prescient.Prescient.metainfo.xml
    share/man/man1/prescient.1.gz
)
sizes=(16 32 48 64 128 256)
for s in "${sizes[@]}"; do expected+=("share/icons/hicolor/${s}x${s}/apps/prescient.png"); done

# --- build both packages ---
if ! cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
    cat "$work/cpack.log" >&2
    fail "cpack"
fi
deb=$work/out/prescient_${version}-1_$(dpkg --print-architecture).deb
tgz=$work/out/prescient-${version}-Linux.tar.gz
[ -f "$deb" ] || { ls -l "$work/out" >&2; fail "no $(basename "$deb")"; }
[ -f "$tgz" ] || { ls -l "$work/out" >&2; fail "no $(basename "$tgz")"; }
ok "cpack made $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) and $(basename "$tgz")"

# --- contents ---
dpkg-deb -c "$deb" | awk '{print $6}' >"$work/deb.list"
tar -tzf "$tgz" >"$work/tgz.list"
for f in "${expected[@]}"; do
    grep -qxF "./usr/$f" "$work/deb.list" || fail ".deb lacks /usr/$f"
    grep -qxF "prescient-${version}-Linux/$f" "$work/tgz.list" || fail ".tar.gz lacks $f"
done
outside=$(grep -v -e '^\./$' -e '^\./usr/' "$work/deb.list" || true)
[ -z "$outside" ] || fail ".deb installs outside /usr: $outside"
ok "both packages hold the ${#expected[@]} files"

# --- control ---
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = prescient ] || fail "Package: $(field Package)"
[ "$(field Version)" = "${version}-1" ] || fail "Version: $(field Version)"
[ "$(field Section)" = database ] || fail "Section: $(field Section)"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Homepage)" ] || fail "no Homepage"
depends=$(field Depends)
[ -n "$depends" ] || fail "Depends is empty (dpkg-shlibdeps did not run)"
names=$(tr ',|' '\n\n' <<<"$depends" | sed 's/^ *//; s/ .*//')
for lib in libc6 libstdc++6 libsqlite3-0 libqt6core6 libqt6widgets6 libqt6charts6 libzstd1; do
    grep -qxF "$lib" <<<"$names" || fail "Depends lacks $lib: $depends"
done
ok "control: prescient $(field Version), section database, Depends: $depends"

# --- unpack ---
root=$work/root
dpkg-deb -x "$deb" "$root"
usr=$root/usr

# --- icons ---
for s in "${sizes[@]}"; do
    png=$usr/share/icons/hicolor/${s}x${s}/apps/prescient.png
    file -b "$png" | grep -q "^PNG image data, $s x $s," || fail "$png: $(file -b "$png")"
done
grep -q '<svg' "$usr/share/icons/hicolor/scalable/apps/prescient.svg" || fail "the SVG icon is no SVG"
ok "icons: SVG and PNG ${sizes[*]}"

# --- desktop file and metainfo ---
desktop=$usr/share/applications/prescient.desktop
metainfo=$usr/share/metainfo/org.prescient.Prescient.metainfo.xml
if command -v desktop-file-validate >/dev/null; then
    out=$(desktop-file-validate "$desktop" 2>&1) || fail "desktop-file-validate: $out"
    [ -z "$out" ] || fail "desktop-file-validate: $out"
    ok "desktop-file-validate"
else
    echo "skip: desktop-file-validate is not installed (package desktop-file-utils)"
fi
grep -qx 'Exec=prescient-gui' "$desktop" || fail "the desktop file does not run prescient-gui"
grep -qx 'Icon=prescient' "$desktop" || fail "the desktop file does not use the prescient icon"
if command -v appstreamcli >/dev/null; then
    out=$(appstreamcli validate --no-net "$metainfo" 2>&1) || fail "appstreamcli validate: $out"
    grep -qF "<release version=\"$version\"" "$metainfo" || fail "the metainfo has no release $version"
    ok "appstreamcli validate --no-net"
else
    echo "skip: appstreamcli is not installed (package appstream)"
fi

# --- man page ---
page=$usr/share/man/man1/prescient.1.gz
warnings=$(zcat "$page" | groff -man -Tutf8 -ww -z 2>&1)
[ -z "$warnings" ] || fail "groff: $warnings"
# One line per paragraph, no hyphenation, no overstrikes, single spaces: searchable text.
zcat "$page" | groff -man -Tascii -P-cbu -rLL=1000n -rHY=0 2>/dev/null | tr -s ' ' >"$work/man.txt"
grep -q "prescient - backup" "$work/man.txt" || fail "the man page has no NAME line"
if command -v man >/dev/null; then
    MANWIDTH=80 man -l "$page" 2>"$work/man.err" | grep -q "PRESCIENT(1)" || fail "man -l: $(cat "$work/man.err")"
    ok "man -l renders the page"
fi

# --- the unpacked executables ---
help=$("$usr/bin/prescient" help) || fail "prescient help exited $?"
grep -q '^Usage:' <<<"$help" || fail "prescient help: $help"
# Every command of `prescient help` is in the man page (the help text is the reference it was written from).
commands=$(grep -oE '^  prescient [a-z]+( [a-z]+)?' <<<"$help" | sed 's/^  //' | sort -u)
[ -n "$commands" ] || fail "no command in prescient help"
while read -r cmd; do
    grep -qF "$cmd" "$work/man.txt" || fail "the man page lacks '$cmd'"
done <<<"$commands"
ok "installed prescient help; the man page has all $(wc -l <<<"$commands") commands"

gui=$(QT_QPA_PLATFORM=offscreen "$usr/bin/prescient-gui" --help 2>&1) || fail "prescient-gui --help: $gui"
grep -q -- '--demo' <<<"$gui" || fail "prescient-gui --help: $gui"
ok "installed prescient-gui --help (offscreen)"

if command -v sqlite3 >/dev/null; then
    db=$work/shop.db
    sqlite3 "$db" 'CREATE TABLE t(x); INSERT INTO t VALUES (1), (2), (3);'
    "$usr/bin/prescient" init --repo "$work/repo" >/dev/null
    "$usr/bin/prescient" trace record --repo "$work/repo" --source "$db" -- sqlite3 "$db" 'SELECT count(*) FROM t' \
        >"$work/trace.out" 2>&1 || fail "installed prescient trace record: $(cat "$work/trace.out")"
    "$usr/bin/prescient" trace list --repo "$work/repo" --json | grep -q "shop.db" || fail "no trace stored"
    ok "installed prescient trace record finds the recorder in lib/prescient"
    out=$(sqlite3 -cmd ".load $usr/lib/prescient/libprescient_vfs" -cmd ".open $db" :memory: 'SELECT sum(x) FROM t' 2>&1) \
        || fail "sqlite3 with the installed extension: $out"
    [ "$out" = 6 ] || fail "sqlite3 with the installed extension printed: $out"
    ok "the stock sqlite3 shell loads the installed libprescient_vfs"
else
    echo "skip: trace record and extension checks (no sqlite3 shell)"
fi
echo "PASS"
