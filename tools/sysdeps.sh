#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Check (and, as root on Debian, install) the system packages decisionaid needs.
#   tools/sysdeps.sh run   -> what the windowed app needs (Qt xcb libraries, fonts, CUPS client)
#   tools/sysdeps.sh test  -> what the offscreen test suite needs (+ gettext's msgcat/msgfmt, and
#                             optional: cupsd, cups-pdf, pdftoppm, zbarimg, the desktop-file,
#                             AppStream and systemd unit validators, and Xvfb with the AT-SPI bus
#                             for the screen-reader test)
set -u
mode=${1:-run}

# "package:probe" pairs; a probe is a shared library name (looked up with ldconfig) or cmd:NAME.
core=(
  "python3-venv:py:ensurepip"
  "libgl1:libGL.so.1" "libegl1:libEGL.so.1" "libxkbcommon0:libxkbcommon.so.0"
  "libfontconfig1:libfontconfig.so.1" "libglib2.0-0:libglib-2.0.so.0" "libdbus-1-3:libdbus-1.so.3"
  "libcups2:libcups.so.2"
)
xcb=(
  "libxcb-cursor0:libxcb-cursor.so.0" "libxkbcommon-x11-0:libxkbcommon-x11.so.0"
  "libxcb-icccm4:libxcb-icccm.so.4" "libxcb-image0:libxcb-image.so.0" "libxcb-keysyms1:libxcb-keysyms.so.1"
  "libxcb-randr0:libxcb-randr.so.0" "libxcb-render-util0:libxcb-render-util.so.0"
  "libxcb-shape0:libxcb-shape.so.0" "libxcb-xfixes0:libxcb-xfixes.so.0" "libxcb-xkb1:libxcb-xkb.so.1"
  "libx11-xcb1:libX11-xcb.so.1" "cups-client:cmd:lp"
)
# The catalogs must round-trip through GNU gettext (tests/unit/test_catalog_tools.py).
test_tools=("gettext:cmd:msgcat" "gettext:cmd:msgfmt")
optional_test=(
  "poppler-utils:cmd:pdftoppm" "zbar-tools:cmd:zbarimg" "cups-daemon:cmd:cupsd" "cups-client:cmd:lpadmin"
  "printer-driver-cups-pdf:file:/usr/lib/cups/backend/cups-pdf" "ghostscript:cmd:gs"
  "desktop-file-utils:cmd:desktop-file-validate" "appstream:cmd:appstreamcli"
  "systemd:cmd:systemd-analyze"
  # The screen-reader test: the wizard on a virtual X screen (so the xcb libraries too), read
  # through the accessibility bus by the system python3's AT-SPI bindings.
  "xvfb:cmd:Xvfb" "dbus:cmd:dbus-daemon" "at-spi2-core:file:/usr/libexec/at-spi-bus-launcher"
  "python3-gi:atspi:" "gir1.2-atspi-2.0:atspi:"
  "${xcb[@]}"
)

have() {
  local probe=$1
  case $probe in
    cmd:*) command -v "${probe#cmd:}" >/dev/null 2>&1 || [ -x "/usr/sbin/${probe#cmd:}" ] ;;
    file:*) [ -e "${probe#file:}" ] ;;
    py:*) "${PYTHON:-python3}" -c "import ${probe#py:}" >/dev/null 2>&1 ;;
    atspi:) /usr/bin/python3 -c "import gi; gi.require_version('Atspi', '2.0')" >/dev/null 2>&1 ;;
    *) ldconfig -p 2>/dev/null | grep -q "$probe" ;;
  esac
}

missing_of() {
  local entry
  for entry in "$@"; do have "${entry#*:}" || echo "${entry%%:*}"; done | sort -u
}

install() {
  # Only as root on a Debian-like system; otherwise say exactly what to run.
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
  echo "Installing system packages: $*"
  { apt-get install -y -q --no-install-recommends "$@" >/tmp/decisionaid-apt.log 2>&1 ||
    { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q --no-install-recommends "$@" >>/tmp/decisionaid-apt.log 2>&1; }; } &&
    return 0
  echo "apt-get failed; see /tmp/decisionaid-apt.log" >&2
  return 1
}

required=("${core[@]}")
[ "$mode" = run ] && required+=("${xcb[@]}")
[ "$mode" = test ] && required+=("${test_tools[@]}")
missing=$(missing_of "${required[@]}" | tr '\n' ' ')
if [ -n "${missing// /}" ]; then
  # shellcheck disable=SC2086
  if ! install $missing; then
    echo "Missing system packages: $missing" >&2
    echo "Install them with:  sudo apt-get install --no-install-recommends $missing" >&2
    exit 1
  fi
fi
if [ "$mode" = test ]; then
  optional=$(missing_of "${optional_test[@]}" | tr '\n' ' ')
  if [ -n "${optional// /}" ]; then
    # shellcheck disable=SC2086
    install $optional || echo "Optional test tools not installed (their tests will be skipped): $optional" >&2
  fi
fi
exit 0
