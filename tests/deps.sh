#!/bin/sh
# deps.sh — checks crm's build and test dependencies (Debian packages) and,
# with "install", installs the missing ones with apt-get when run as root or
# with sudo; otherwise it says exactly what to install.
#
#   sh tests/deps.sh [install|check] [build|test]
#
#   build:  gcc make libsqlite3-dev libcsv-dev libcjson-dev
#   test:   the build packages, sqlite3 (database checks), mandoc (man page
#           lint), zsh and fish (their completions are run for real; the
#           tests skip them when absent)
BUILD="gcc make libsqlite3-dev libcsv-dev libcjson-dev"
mode=check
case "${1:-}" in install | check) mode=$1; shift ;; esac
case "${1:-test}" in
build) PACKAGES=$BUILD ;;
test) PACKAGES="$BUILD sqlite3 mandoc" ;;
*) echo "usage: sh tests/deps.sh [install|check] [build|test]" >&2; exit 2 ;;
esac
# Installing for the tests also brings the shells whose completions they run.
[ "$mode" = install ] && [ "${1:-test}" = test ] && PACKAGES="$PACKAGES zsh fish"

command -v dpkg-query >/dev/null 2>&1 || exit 0 # not Debian: the build will tell
missing=
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$mode" != install ]; then
	echo "crm needs these Debian packages:$missing" >&2
	echo "install them with: sudo apt-get install$missing" >&2
	exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
	as_root=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	as_root=sudo
else
	echo "crm needs these Debian packages:$missing" >&2
	echo "install them with: sudo apt-get install$missing" >&2
	exit 1
fi
echo "installing:$missing" >&2
$as_root apt-get update -qq >&2 &&
	DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq $missing >&2
