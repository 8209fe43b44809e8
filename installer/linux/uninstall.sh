#!/bin/sh
# Remove swdesk installed by install.sh. The station's data stay unless --purge-data is given.
#   ./uninstall.sh [--prefix DIR] [--purge-data]
set -eu

prefix="${HOME}/.local"
purge=no
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --purge-data) purge=yes; shift ;;
    -h|--help) sed -n '2,3p' "$0"; exit 0 ;;
    *) echo "uninstall.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

# Where platformdirs puts the data (swdesk.paths.data_dir without --data-dir / $SWDESK_DATA_DIR).
data="${XDG_DATA_HOME:-$HOME/.local/share}/swdesk"

rm -rf "$prefix/opt/swdesk"
rm -f "$prefix/share/applications/swdesk.desktop" \
      "$prefix/share/icons/hicolor/scalable/apps/swdesk.svg" \
      "$prefix/share/icons/hicolor/256x256/apps/swdesk.png"
link="$prefix/bin/swdesk"
if [ -L "$link" ]; then rm -f "$link"; fi
echo "swdesk removed from $prefix"

if [ "$purge" = yes ]; then
  rm -rf "$data"
  echo "data folder $data deleted"
elif [ -d "$data" ]; then
  echo "The station's data are kept in $data (delete them with --purge-data)."
fi
