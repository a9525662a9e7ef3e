#!/usr/bin/env bash
# Installs, with apt, what building, running and testing Most Connected IP needs on
# Debian 12 or Ubuntu. Does nothing when everything is there already.
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc gettext libglib2.0-dev libglib2.0-bin libgtk-4-dev
  libadwaita-1-dev
  # tests: a second compiler for the fuzzer, namespaces and a firewall in one, the schema
  # checks
  clang libclang-rt-14-dev iproute2 iptables python3
  # the window's tests: a display server, a private session bus, the accessibility bus
  # and a client of it, a Flatpak-like sandbox, the desktop files' and Flatpak's checkers
  xvfb xauth dbus dbus-x11 at-spi2-core gir1.2-atspi-2.0 gir1.2-gtk-4.0 python3-gi bubblewrap
  # real key presses, through the X server, for the window's keyboard tests
  libxtst-dev
  desktop-file-utils appstream flatpak-builder
  # remote servers: the client the program runs, and the servers its tests start
  openssh-client openssh-server busybox
  # the benchmark compares with these
  net-tools
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
