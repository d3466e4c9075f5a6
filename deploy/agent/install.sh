#!/bin/sh
# Installs the Headroom agent as a systemd service, from the server that serves
# this script (GET /install.sh), or removes it (--uninstall). As root:
#   curl -fsSL https://headroom.example/install.sh | sudo sh -s -- --server https://headroom.example
# The token never goes on a command line: it is asked for on the terminal, or
# read from --token-file, and kept in a root-only file. --help lists the options.
# HEADROOM_INSTALL_ROOT, when set, is put before every path written (as DESTDIR is
# for packages); systemctl is still the one on PATH.
set -eu

# Filled in by the server that serves this script; empty in the repository.
default_server=''
bundle_sha256=''
executable_name=''
executable_sha256=''

unit_text() {
  cat <<'HEADROOM_UNIT'
HEADROOM_UNIT
}

usage() {
  cat <<'EOF'
install.sh [options]: installs the Headroom agent as the systemd service headroom-agent
  --server URL       the Headroom server (default: the one this script came from)
  --token-file FILE  a file holding the ingest token; - reads it from standard input
                     (only when this script is a file: sh install.sh --token-file - <token)
                     Without it the token is asked for on the terminal, or kept from
                     an earlier install.
  --host-name NAME   the name to report (default: the machine's hostname)
  --label L          a label for this host, repeatable: ci, region=eu
  --executable       install the single executable even where Node.js 20+ is
  --uninstall        stop the agent and remove what this script installed
EOF
}

root=${HEADROOM_INSTALL_ROOT:-}
lib_dir=/usr/local/lib/headroom
env_dir=/etc/headroom
env_file=$env_dir/agent.env
unit_file=/etc/systemd/system/headroom-agent.service
state_dirs="/var/lib/headroom-agent /var/lib/private/headroom-agent"

say() { printf 'headroom install: %s\n' "$*"; }
fail() { printf 'headroom install: %s\n' "$*" >&2; exit 1; }

# Removes a file, or an empty folder, saying so when it was there.
remove() {
  if [ -d "$root$1" ] && [ ! -L "$root$1" ]; then
    if rmdir "$root$1" 2>/dev/null; then say "removed $1"; else say "left $1: it holds files this script did not install"; fi
  elif [ -e "$root$1" ] || [ -L "$root$1" ]; then
    rm -f "$root$1" && say "removed $1"
  fi
}

uninstall() {
  if [ -e "$root$unit_file" ]; then
    systemctl disable --now headroom-agent.service || say "systemctl could not stop headroom-agent; removing it anyway"
  fi
  remove "$unit_file"
  remove "$env_file"
  remove "$env_dir"
  remove "$lib_dir/headroom-agent.js"
  remove "$lib_dir/headroom-agent"
  remove "$lib_dir"
  for d in $state_dirs; do
    if [ -d "$root$d" ] && [ ! -L "$root$d" ]; then
      waiting=$(find "$root$d" -name '*.json' -path '*/spool/*' -type f | wc -l | tr -d ' ')
      rm -rf -- "$root$d"
      say "removed $d and the $waiting report(s) it held"
    else
      remove "$d"
    fi
  done
  systemctl daemon-reload
  say "the Headroom agent is uninstalled"
}

read_token() {
  if [ -n "$token_file" ]; then
    if [ "$token_file" = - ]; then token=$(head -n 1 || true); else
      [ -r "$token_file" ] || fail "--token-file $token_file: cannot read it"
      token=$(head -n 1 "$token_file")
    fi
  elif [ -r "$root$env_file" ] && grep -q '^HEADROOM_TOKEN=.' "$root$env_file"; then
    token=$(sed -n 's/^HEADROOM_TOKEN=//p' "$root$env_file" | head -n 1)
    say "keeping the token already in $env_file"
  elif (: </dev/tty) 2>/dev/null; then
    stty -echo </dev/tty 2>/dev/null || true
    printf 'Ingest token for %s (Settings → API tokens; not shown): ' "$server" >/dev/tty
    IFS= read -r token </dev/tty || true
    stty echo </dev/tty 2>/dev/null || true
    printf '\n' >/dev/tty
  else
    fail "no token: give --token-file FILE (a file holding the ingest token)"
  fi
  token=$(printf '%s' "$token" | tr -d '\r' | sed 's/^[[:space:]]*//; s/[[:space:]]*$//')
  from=''
  [ "$token_file" != - ] || from=" (with --token-file -, standard input must be the token, not this script: curl … | sh has the script there)"
  case $token in
    hr_ingest_*) case $token in *[!A-Za-z0-9_-]*) fail "that token holds characters an ingest token has not$from" ;; esac ;;
    hr_*) fail "that is not an ingest token (hr_ingest_…): the agent needs a token of the ingest scope" ;;
    '') fail "no token given$from" ;;
    *) fail "that is not a Headroom ingest token (they start with hr_ingest_)$from" ;;
  esac
}

# Which agent: the bundle under Node.js 20+, else the single executable.
choose_agent() {
  node=''
  version=''
  if [ "$executable" = 0 ] && command -v node >/dev/null 2>&1; then
    node=$(command -v node)
    version=$("$node" -e 'process.stdout.write(process.versions.node)' 2>/dev/null || echo 0)
    if [ "${version%%.*}" -lt 20 ]; then say "Node.js $version at $node is older than 20: installing the single executable"; node=''; fi
  elif [ "$executable" = 0 ]; then
    say "no Node.js on root's PATH: installing the single executable"
  fi
  if [ -n "$node" ]; then
    name=headroom-agent.js; sha=$bundle_sha256; installed=$lib_dir/headroom-agent.js
    what="the agent bundle, run by Node.js $version ($node)"; exec_start="$node $installed"
    return
  fi
  case $(uname -m) in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
  [ -n "$executable_name" ] || fail "$server has no single executable built (on the server: npm run build:agent:sea); install Node.js 20 or later here, or build it there"
  [ "$executable_name" = "headroom-agent-linux-$arch" ] || fail "$server serves $executable_name, not one for this machine (linux-$arch); install Node.js 20 or later here"
  name=$executable_name; sha=$executable_sha256; installed=$lib_dir/headroom-agent
  what="the single executable $name"; exec_start=$installed
}

install_agent() {
  # Everything is checked and downloaded before anything is written.
  [ -n "$server" ] || fail "--server URL is required"
  server=${server%/}
  case $server in http://?*|https://?*) ;; *) fail "--server must be an http:// or https:// URL, not $server" ;; esac
  case $server in *[[:space:]\"\'\\\`]*) fail "--server $server holds characters a URL cannot" ;; esac
  case $host_name in *[!A-Za-z0-9._-]*) fail "--host-name $host_name: letters, digits, . _ and - only" ;; esac
  case $labels in *[!A-Za-z0-9_./=,-]*) fail "--label: letters, digits, _ . - / and one = only (ci, region=eu)" ;; esac
  [ -n "$bundle_sha256" ] || fail "this copy of the script has no checksums: run the one the server serves, $server/install.sh"
  case $server in http://*) say "warning: $server is plain http: the token and the agent travel unencrypted" ;; esac
  read_token
  if command -v curl >/dev/null 2>&1; then fetch() { curl -fsS --proto '=http,https' -o "$2" "$1"; }
  elif command -v wget >/dev/null 2>&1; then fetch() { wget -q -O "$2" "$1"; }
  else fail "neither curl nor wget found: one is needed to download the agent"; fi
  command -v sha256sum >/dev/null 2>&1 || fail "sha256sum not found: the download cannot be checked"
  choose_agent

  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  fetch "$server/agent/$name" "$tmp/$name" || fail "could not download $server/agent/$name: nothing installed"
  got=$(sha256sum "$tmp/$name" | cut -d ' ' -f 1)
  [ "$got" = "$sha" ] || fail "$server/agent/$name has sha256 $got, not $sha as the server's script says: nothing installed (something between here and the server changed it)"

  # Checked: now write. The agent goes in under a new name, then over the old one at once.
  mkdir -p "$root$lib_dir"
  if [ -n "$node" ]; then mode=644; else mode=755; fi
  cp "$tmp/$name" "$root$installed.new"
  chmod "$mode" "$root$installed.new"
  mv -f "$root$installed.new" "$root$installed"
  # The other kind, from an earlier install, goes.
  if [ -n "$node" ]; then rm -f "$root$lib_dir/headroom-agent"; else rm -f "$root$lib_dir/headroom-agent.js"; fi
  say "installed $what: $installed (sha256 $got, as the server gave it)"

  mkdir -p "$root$env_dir"
  chmod 700 "$root$env_dir"
  (
    umask 077
    {
      printf 'HEADROOM_SERVER=%s\n' "$server"
      printf 'HEADROOM_TOKEN=%s\n' "$token"
      [ -z "$host_name" ] || printf 'HEADROOM_HOST_NAME=%s\n' "$host_name"
      [ -z "$labels" ] || printf 'HEADROOM_LABELS=%s\n' "$labels"
    } >"$root$env_file.new"
  )
  mv "$root$env_file.new" "$root$env_file"
  say "wrote the server and token to $env_file (root only, mode 0600)"

  mkdir -p "$root${unit_file%/*}"
  unit_text | sed "s|^ExecStart=.*|ExecStart=$exec_start|" >"$root$unit_file"
  chmod 644 "$root$unit_file"
  say "installed the unit $unit_file (ExecStart=$exec_start)"

  systemctl daemon-reload
  systemctl enable headroom-agent.service
  systemctl restart headroom-agent.service
  say "started headroom-agent.service, and enabled it at boot; its log: journalctl -u headroom-agent"
  say "to remove it: curl -fsSL $server/install.sh | sudo sh -s -- --uninstall"
}

main() {
  server=$default_server
  token_file=''
  host_name=''
  labels=''
  executable=0
  action=install
  while [ $# -gt 0 ]; do
    case $1 in
      --server|--token-file|--host-name|--label) [ $# -ge 2 ] || fail "$1 needs a value"; opt=$1; val=$2; shift 2 ;;
      --server=*|--token-file=*|--host-name=*|--label=*) opt=${1%%=*}; val=${1#*=}; shift ;;
      --executable) executable=1; shift; continue ;;
      --uninstall) action=uninstall; shift; continue ;;
      --token|--token=*) fail "--token is not taken: a command line is visible to every user of this machine. Use --token-file FILE" ;;
      -h|--help) usage; exit 0 ;;
      *) fail "unknown option $1 (see --help)" ;;
    esac
    case $opt in
      --server) server=$val ;;
      --token-file) token_file=$val ;;
      --host-name) host_name=$val ;;
      --label) labels=${labels:+$labels,}$val ;;
    esac
  done
  [ "$(id -u)" = 0 ] || fail "run as root (sudo): it installs a system service"
  command -v systemctl >/dev/null 2>&1 || fail "systemctl not found: this script installs a systemd service (docs/agent.md has the other ways to run the agent)"
  if [ "$action" = uninstall ]; then uninstall; else install_agent; fi
}

# Last, so a download cut short runs nothing.
main "$@"
