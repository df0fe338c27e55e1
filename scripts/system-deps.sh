#!/usr/bin/env bash
# The Debian packages a make target needs beyond Python, checked and installed when missing:
#   scripts/system-deps.sh test        # make test: Chromium and a font, PostgreSQL, systemd-analyze
#   scripts/system-deps.sh run         # make run: Python's venv module
#   scripts/system-deps.sh scaleout    # make scaleout: nginx and PostgreSQL
#   scripts/system-deps.sh nginx       # make scaleout-sqlite: nginx alone
#   scripts/system-deps.sh messages    # make messages: gettext
#   scripts/system-deps.sh make        # make itself (.ci/run on a bare machine)
# Each need is a file or command test, so when everything is present this takes milliseconds and
# touches no network. What is missing is installed with apt-get as root or through a sudo that
# asks no password; otherwise it stops with the one command to run.
set -euo pipefail

missing=()
need() { # need <test command> <package>...: queue the packages when the test fails
  local check=$1
  shift
  bash -c "$check" >/dev/null 2>&1 || missing+=("$@")
}

postgresql() {
  # The server binaries (initdb, pg_ctl, pg_dump, pg_restore) of scripts/with-postgres.sh and the
  # btree_gist extension of the bookings' exclusion constraint.
  need "command -v initdb || ls /usr/lib/postgresql/*/bin/initdb" postgresql
  need "ls /usr/share/postgresql/*/extension/btree_gist.control" postgresql-contrib
}
nginx() {
  # bench/scaleout.py puts the web processes behind deploy/nginx/creneau.conf.
  need "command -v nginx || [ -x /usr/sbin/nginx ]" nginx
}

for group in "${@:-test}"; do
  case $group in
    run)
      # Debian ships the venv module apart from python3; `make install` creates .venv with it.
      need "[ -x .venv/bin/python ] || ${PYTHON:-python3} -c 'import ensurepip, venv'" python3-venv
      ;;
    test)
      # Browser tests drive Debian's Chromium (tests/conftest.py); pages need a real font to lay
      # out the way the visual checks expect.
      need "[ -x /usr/bin/chromium ]" chromium
      need "[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]" fonts-dejavu-core
      # `make test-pg`.
      postgresql
      # tests/production verifies deploy/systemd/ with systemd-analyze; no running systemd needed.
      need "command -v systemd-analyze" systemd
      ;;
    scaleout)
      nginx
      postgresql
      ;;
    nginx)
      nginx
      ;;
    messages)
      need "command -v msgfmt" gettext
      ;;
    make)
      need "command -v make" make
      ;;
    *)
      echo "system-deps: unknown group '$group' (run, test, scaleout, nginx, messages, make)" >&2
      exit 2
      ;;
  esac
done

[ ${#missing[@]} -eq 0 ] && exit 0
# The same package may be queued by two groups.
read -r -a packages <<<"$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')"

if [ "$(id -u)" = 0 ]; then
  sudo=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  sudo=(sudo)
else
  echo "system-deps: missing Debian packages: ${packages[*]}. Install them with:" >&2
  echo "  sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends ${packages[*]}'" >&2
  exit 1
fi

echo "system-deps: installing ${packages[*]}"
export DEBIAN_FRONTEND=noninteractive
# The package lists are refreshed only when an install from the current ones fails (a fresh
# machine or image often has none).
if ! "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null 2>&1; then
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
