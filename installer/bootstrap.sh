#!/usr/bin/env bash
# One entry point for a fresh Debian 12 machine: installs the Debian packages the build needs (only the
# missing ones), configures and builds with CMake + Ninja, then runs what was asked:
#   bash installer/bootstrap.sh demo   build, then open the GUI on the demo repository (prescient-gui --demo);
#                                      without a display: render the GUI's views of the demo to PNG files
#                                      and run the CLI demo instead
#   bash installer/bootstrap.sh test   build, then run the whole test suite with ctest
#   bash installer/bootstrap.sh build  build only
# Environment: BUILD_DIR (default ./build), JOBS (default: number of cores).
set -euo pipefail

mode=${1:-build}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${BUILD_DIR:-$here/build}
jobs=${JOBS:-$(nproc)}

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-charts-dev libqt6opengl6-dev libgl-dev libxkbcommon-dev
    libsqlite3-dev libboost-filesystem-dev libzstd-dev libxxhash-dev
    libdlib-dev libblas-dev liblapack-dev libjpeg-dev libpng-dev zlib1g-dev
    sqlite3
    # packaging (installer/, tst_package): QtSvg renders the icon's PNGs; dpkg-dev and file for cpack's
    # dpkg-shlibdeps; the validators of the desktop file and the metainfo; groff for the man page
    qt6-svg-dev dpkg-dev file desktop-file-utils appstream groff-base
    # translations: Qt Linguist's CMake functions, lupdate/lrelease, Qt's own German strings (dialog buttons)
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    # tst_report reads the exported PDF's text
    poppler-utils
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if ((${#missing[@]})); then
    echo "bootstrap: installing ${missing[*]}"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends \
        "${missing[@]}"
fi

cmake -S "$here" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build_dir" -j "$jobs"

case "$mode" in
    demo)
        if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
            exec "$build_dir/app/prescient-gui" --demo
        fi
        shots=${DEMO_DIR:-$here/prescient-demo}-screenshots
        mkdir -p "$shots"
        echo "bootstrap: no display: rendering the GUI's views of the demo repository into $shots"
        for view in timeline restore console predictions partitions alerts report; do
            QT_QPA_PLATFORM=offscreen "$build_dir/app/prescient-gui" --screenshot "$shots/$view.png" --view "$view"
        done
        "$build_dir/app/prescient" demo --dir "${DEMO_DIR:-$here/prescient-demo}"
        ;;
    test)
        ctest --test-dir "$build_dir" --output-on-failure -j "$jobs"
        ;;
    build)
        ;;
    *)
        echo "usage: bootstrap.sh demo|test|build" >&2
        exit 2
        ;;
esac
