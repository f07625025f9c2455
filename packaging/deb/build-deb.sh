#!/usr/bin/env bash
# Wrap the one-folder build (dist/rmp-desktop) in a .deb with Debian's own dpkg-deb:
# the program in /opt/rmp-desktop, `rmp-desktop` on the PATH, and a desktop menu entry.
# Usage: packaging/build.sh && packaging/deb/build-deb.sh     -> dist/rmp-desktop_<version>_<arch>.deb
# (For a per-user install without administrator rights, copy dist/rmp-desktop anywhere instead.)
set -euo pipefail
cd "$(dirname "$0")/../.."

app=dist/rmp-desktop
[ -x "$app/rmp-desktop" ] || { echo "no $app: run packaging/build.sh first" >&2; exit 1; }
command -v dpkg-deb >/dev/null || { echo "dpkg-deb is not installed" >&2; exit 1; }
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' rmp_desktop/__init__.py)
arch=$(dpkg --print-architecture)
# Libraries were collected from this system, so it needs at least this C library.
glibc=$(ldd --version | head -1 | grep -oE "[0-9]+\.[0-9]+$")
root=$(mktemp -d "${TMPDIR:-/tmp}/rmp-deb.XXXXXX")
chmod 755 "$root"
trap 'rm -rf "$root"' EXIT

mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" "$root/usr/share/applications"
cp -a "$app" "$root/opt/rmp-desktop"
ln -s /opt/rmp-desktop/rmp-desktop "$root/usr/bin/rmp-desktop"
cat > "$root/usr/share/applications/rmp-desktop.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Realising My Potential
Comment=Appraisals, career conversations and signed development plans
Exec=/opt/rmp-desktop/rmp-desktop
Terminal=false
Categories=Office;
DESKTOP
installed_kb=$(du -sk "$root/opt" | cut -f1)
# The X11/OpenGL libraries Qt loads from the system (the rest ships inside the program).
cat > "$root/DEBIAN/control" <<CONTROL
Package: rmp-desktop
Version: $version
Architecture: $arch
Maintainer: RMP desktop team <rmp-desktop@example.invalid>
Installed-Size: $installed_kb
Depends: libc6 (>= $glibc), libgl1, libegl1, libfontconfig1, libxkbcommon0, libxkbcommon-x11-0, libdbus-1-3, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-render-util0, libxcb-shape0, libxcb-xkb1
Recommends: libcups2
Section: misc
Priority: optional
Description: Realising My Potential: appraisals and career conversations, offline
 Holds a team's appraisals, career conversations and signed development plans
 in a local store with automatic backups, and exports them as PDF records.
CONTROL
out="dist/rmp-desktop_${version}_${arch}.deb"
if command -v fakeroot >/dev/null; then
  fakeroot dpkg-deb --build -Zzstd "$root" "$out" >/dev/null
else
  dpkg-deb --root-owner-group --build -Zzstd "$root" "$out" >/dev/null
fi
echo "Built $out: $(( $(stat -c %s "$out") / 1048576 )) MB"
