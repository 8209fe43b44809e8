#!/bin/sh
# Install swdesk for the current user (no root needed), or upgrade it in place.
#   ./install.sh                 program in ~/.local/opt/swdesk, menu entry, `swdesk` command
#   ./install.sh --prefix DIR    under DIR instead of ~/.local (e.g. /usr/local, as root)
# The station's data (~/.local/share/swdesk) is never touched: an upgrade keeps it, and the
# program migrates the database (with a backup first) the next time it opens.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix="${HOME}/.local"
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$here/swdesk" ] || { echo "install.sh: run it from the unpacked swdesk folder" >&2; exit 1; }

target="$prefix/opt/swdesk"
bin="$prefix/bin"
apps="$prefix/share/applications"
icons="$prefix/share/icons/hicolor"
mkdir -p "$prefix/opt" "$bin" "$apps" "$icons/scalable/apps" "$icons/256x256/apps"

# Copy next to the old version, then swap, so a failed copy leaves the old one working.
rm -rf "$target.new" "$target.old"
mkdir "$target.new"
cp -R "$here/swdesk" "$here/_internal" "$here/uninstall.sh" "$target.new/"
if [ -e "$target" ]; then mv "$target" "$target.old"; fi
mv "$target.new" "$target"
rm -rf "$target.old"

ln -sf "$target/swdesk" "$bin/swdesk"
cp "$here/share/icons/hicolor/scalable/apps/swdesk.svg" "$icons/scalable/apps/swdesk.svg"
cp "$here/share/icons/hicolor/256x256/apps/swdesk.png" "$icons/256x256/apps/swdesk.png"
# Menus do not search ~/.local/bin: point the entry at the program itself.
sed -e "s|^Exec=swdesk$|Exec=\"$target/swdesk\"|" -e "s|^TryExec=swdesk$|TryExec=$target/swdesk|" \
  "$here/share/applications/swdesk.desktop" > "$apps/swdesk.desktop"
chmod 644 "$apps/swdesk.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" || true

echo "swdesk $("$target/swdesk" --version | sed 's/^swdesk //') installed in $target"
echo "Start it from the applications menu (社工站桌面) or with: $bin/swdesk"
