#!/usr/bin/env bash
# A real Request Tracker 5 for tix's tests: Debian's packages, SQLite, loopback only, mail never leaves the box.
#
#   bash .ci/rt/rt.sh install          apt-get install request-tracker5 rt5-db-sqlite rt5-standalone (if missing)
#   bash .ci/rt/rt.sh reset            fresh database with the fixtures (.ci/rt/fixtures.pl) and REST2 tokens
#   bash .ci/rt/rt.sh start            start rt-server (reset first if the fixtures changed); stays up
#   bash .ci/rt/rt.sh stop             stop the server this checkout started
#   bash .ci/rt/rt.sh status           exit 0 when the server answers; prints the env file's path
#   bash .ci/rt/rt.sh ensure PID       for test runs: start on a fresh database unless running, lease it to PID
#   bash .ci/rt/rt.sh release PID      end PID's lease; stops the server when `ensure` started it and no lease is left
#
# Every checkout has its own instance in $TIX_RT_STATE_DIR (default .ci/rt/state, git-ignored): the database,
# the config, logs, outgoing mail (outgoing.mbox) and the env file, which holds RT_URL, RT_REST2 and, for each
# fixture user (ROOT, ALICE, BOB, CAROL, AGENT), RT_USER_*, RT_PASSWORD_* and RT_TOKEN_* (a REST2 auth token).
# The port is a free one picked at start, or $TIX_RT_PORT. Nothing is written to /etc: RT reads its site config
# from the state dir (RT_SITE_CONFIG) and .ci/rt/site-config (RT_SITE_CONFIG_DIR).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state="${TIX_RT_STATE_DIR:-$here/state}"
host=127.0.0.1
workers="${TIX_RT_WORKERS:-2}"   # Starlet prefork workers, about 200 MB each
root_password=rt-root-password
rt_lib=/usr/share/request-tracker5/lib
rt_server=/usr/share/request-tracker5/libexec/rt-server
packages=(request-tracker5 rt5-db-sqlite rt5-standalone)

log() { printf 'rt: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

installed() {
  local p
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || return 1
  done
}

cmd_install() {
  if installed; then log "already installed: ${packages[*]}"; return; fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  # The package's own questions; its dbconfig database is not the one the tests use.
  $sudo debconf-set-selections <<'EOF'
request-tracker5 request-tracker5/rtname string rt.tix.test
request-tracker5 request-tracker5/organization string tix.test
request-tracker5 request-tracker5/correspondaddress string rt@rt.tix.test
request-tracker5 request-tracker5/commentaddress string rt-comment@rt.tix.test
request-tracker5 request-tracker5/webbaseurl string http://127.0.0.1
request-tracker5 request-tracker5/webpath string /rt
request-tracker5 request-tracker5/handle-siteconfig-permissions boolean true
request-tracker5 request-tracker5/install-cronjobs boolean false
request-tracker5 request-tracker5/dbconfig-install boolean false
EOF
  $sudo apt-get update -qq -o DPkg::Lock::Timeout=300
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    -o DPkg::Lock::Timeout=300 "${packages[@]}" >/dev/null
  installed || die "apt-get did not install ${packages[*]}"
  log "installed ${packages[*]}"
}

# What the database was built from: a change to any of these makes the next start rebuild it. Bump build_version
# when the way it is built (build_template, make_tokens) changes.
build_version=1
fixtures_stamp() {
  { echo "$build_version"; cat "$here/fixtures.pl" "$here/site-config"/*.pm; } | sha256sum | cut -c1-16
}

# RT's instance settings, written where RT_SITE_CONFIG points. $1: the database file, $2: the port.
write_instance_config() {
  local db="$1" port="$2" dir
  dir="$(dirname "$db")"
  mkdir -p "$dir/mason_data" "$dir/session_data"
  cat >"$dir/RT_SiteConfig.pm" <<EOF
# written by .ci/rt/rt.sh: this checkout's test instance
Set(\$rtname, 'rt.tix.test');
Set(\$Organization, 'rt.tix.test');
Set(\$Timezone, 'UTC');
Set(\$WebDomain, '$host');
Set(\$WebPort, $port);
Set(\$WebBaseURL, 'http://$host:$port');
Set(\$WebPath, '/rt');
Set(\$DatabaseType, 'SQLite');
Set(\$DatabaseName, '$db');
Set(\$CorrespondAddress, 'rt@rt.tix.test');
Set(\$CommentAddress, 'rt-comment@rt.tix.test');
# what RT would have mailed, appended here instead of sent
Set(\$MailCommand, sub {
    open(my \$fh, '>>', '$dir/outgoing.mbox') or return 0;
    print \$fh "From rt\@localhost " . localtime() . "\n", \$_[0]->stringify, "\n";
    close \$fh;
    return 1;
});
\$RT::MasonDataDir = '$dir/mason_data';
\$RT::MasonSessionDir = '$dir/session_data';
1;
EOF
}

rt_env() {
  RT_SITE_CONFIG="$1/RT_SiteConfig.pm" RT_SITE_CONFIG_DIR="$here/site-config" "${@:2}"
}

# One REST2 token per fixture user (and root), as KEY=value lines; users are read from fixtures.pl itself.
make_tokens() {
  rt_env "$1" perl -I"$rt_lib" -MRT -e '
    my ($fixtures, $root_password) = @ARGV;
    RT::LoadConfig(); RT::Init();
    our @Users; do $fixtures or die "cannot read $fixtures: $@ $!\n";
    my @users = ({ Name => "root", Password => $root_password }, @Users);
    for my $spec (@users) {
      my $user = RT::User->new(RT->SystemUser);
      $user->Load($spec->{Name}) or die "no user $spec->{Name}\n";
      my $token = RT::AuthToken->new(RT->SystemUser);
      my ($id, $msg, $secret) = $token->Create(Owner => $user->id, Description => "tix tests");
      die "token for $spec->{Name}: $msg\n" unless $id;
      (my $key = uc $spec->{Name}) =~ s/@.*//;
      print "RT_USER_$key=$spec->{Name}\nRT_PASSWORD_$key=$spec->{Password}\nRT_TOKEN_$key=$secret\n";
    }' "$here/fixtures.pl" "$root_password"
}

# Builds the pristine database once per fixtures stamp in $state/template; a reset copies it (well under a second).
build_template() {
  local stamp="$1" tpl="$state/template"
  rm -rf "$tpl"
  mkdir -p "$tpl"
  write_instance_config "$tpl/rt.sqlite" 80
  local pw
  pw="$(mktemp)"
  printf '%s\n' "$root_password" >"$pw"
  log "building the fixture database (rt-setup-database-5)"
  {
    rt_env "$tpl" rt-setup-database-5 --action init --root-password-file "$pw" &&
      rt_env "$tpl" rt-setup-database-5 --action insert --datafile "$here/fixtures.pl"
  } >"$tpl/setup.log" 2>&1 || {
    rm -f "$pw"
    cat "$tpl/setup.log" >&2
    die "rt-setup-database-5 failed"
  }
  rm -f "$pw"
  make_tokens "$tpl" >"$tpl/users.env" 2>>"$tpl/setup.log" || { cat "$tpl/setup.log" >&2; die "tokens failed"; }
  echo "$stamp" >"$tpl/stamp"
}

server_pid() {
  local pid
  [ -f "$state/rt-server.pid" ] || return 1
  pid="$(cat "$state/rt-server.pid")"
  kill -0 "$pid" 2>/dev/null || return 1
  grep -qa rt-server "/proc/$pid/cmdline" 2>/dev/null || return 1 # not a reused pid
  echo "$pid"
}

do_reset() {
  server_pid >/dev/null && die "the server is running: stop it first (bash $0 stop)"
  local stamp
  stamp="$(fixtures_stamp)"
  [ "$(cat "$state/template/stamp" 2>/dev/null)" = "$stamp" ] || build_template "$stamp"
  mkdir -p "$state/instance"
  rm -f "$state/instance/rt.sqlite"* "$state/instance/outgoing.mbox"
  cp "$state/template/rt.sqlite" "$state/instance/rt.sqlite"
  cp "$state/template/users.env" "$state/instance/users.env"
  echo "$stamp" >"$state/instance/stamp"
  rm -f "$state/env"
  log "fresh database $state/instance/rt.sqlite (fixtures $stamp)"
}

free_port() {
  perl -MIO::Socket::INET -e 'print IO::Socket::INET->new(Listen => 1, LocalAddr => "127.0.0.1", LocalPort => 0, ReuseAddr => 1)->sockport'
}

answers() { # $1: base URL; true when REST2 answers an authenticated request
  perl -MHTTP::Tiny -MMIME::Base64 -e '
    my $r = HTTP::Tiny->new(timeout => 5)->get("$ARGV[0]/REST/2.0/rt",
      { headers => { Authorization => "Basic " . encode_base64("root:$ARGV[1]", "") } });
    exit($r->{status} == 200 ? 0 : 1)' "$1" "$root_password"
}

do_start() { # $1: who starts it ("start" keeps it up; "ensure" lets the last lease stop it)
  if server_pid >/dev/null; then log "already running: $(grep '^RT_URL=' "$state/env")"; return; fi
  installed || die "Request Tracker is not installed: bash $0 install"
  [ "$(cat "$state/instance/stamp" 2>/dev/null)" = "$(fixtures_stamp)" ] || do_reset
  local port="${TIX_RT_PORT:-}" attempt
  for attempt in 1 2 3; do
    [ -n "${TIX_RT_PORT:-}" ] || port="$(free_port)"
    write_instance_config "$state/instance/rt.sqlite" "$port"
    # its own session, so that Ctrl-C in a test run does not reach it; stopped by pid (stop, release);
    # without the lock's descriptor (9), or it would hold the lock as long as it runs
    RT_SITE_CONFIG="$state/instance/RT_SiteConfig.pm" RT_SITE_CONFIG_DIR="$here/site-config" \
      setsid "$rt_server" --host "$host" --port "$port" --webpath /rt --max-workers "$workers" \
      >"$state/rt-server.log" 2>&1 </dev/null 9>&- &
    echo $! >"$state/rt-server.pid"
    echo "$1" >"$state/started-by"
    local url="http://$host:$port/rt" waited=0
    while [ $waited -lt 240 ]; do
      if answers "$url"; then
        { echo "RT_URL=$url"; echo "RT_REST2=$url/REST/2.0"; cat "$state/instance/users.env"; } >"$state/env.tmp"
        chmod 0600 "$state/env.tmp"
        mv "$state/env.tmp" "$state/env"
        log "rt-server $(cat "$state/rt-server.pid") ready at $url"
        return
      fi
      server_pid >/dev/null || break
      sleep 0.25
      waited=$((waited + 1))
    done
    do_stop
    if grep -q "couldn't start up a web server" "$state/rt-server.log" && [ -z "${TIX_RT_PORT:-}" ]; then
      log "port $port was taken (attempt $attempt); trying another"
      continue
    fi
    cat "$state/rt-server.log" >&2
    die "rt-server did not answer at $url"
  done
  die "no free port found"
}

do_stop() {
  local pid
  if pid="$(server_pid)"; then
    kill -TERM "$pid"   # the Starlet master stops its workers
    local waited=0
    while kill -0 "$pid" 2>/dev/null && [ $waited -lt 80 ]; do sleep 0.25; waited=$((waited + 1)); done
    kill -0 "$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null
    log "stopped rt-server $pid"
  fi
  rm -f "$state/rt-server.pid" "$state/env" "$state/started-by"
  rm -rf "$state/leases"
}

live_leases() {
  local lease n=0
  for lease in "$state/leases"/*; do
    [ -e "$lease" ] || continue
    if kill -0 "$(basename "$lease")" 2>/dev/null; then n=$((n + 1)); else rm -f "$lease"; fi
  done
  echo $n
}

locked() { # runs "$@" holding this checkout's RT lock (concurrent test runs, CI and people share one instance)
  mkdir -p "$state"
  exec 9>"$state/lock"
  flock -w 600 9 || die "timed out waiting for $state/lock"
  "$@"
}

cmd_ensure() {
  local pid="${1:?usage: ensure PID}"
  installed || { log "Request Tracker is not installed (bash $0 install)"; exit 3; }
  if server_pid >/dev/null && [ "$(cat "$state/instance/stamp" 2>/dev/null)" != "$(fixtures_stamp)" ]; then
    log "fixtures changed since the server started: restarting on a fresh database"
    do_stop
  fi
  if ! server_pid >/dev/null; then
    do_reset
    do_start ensure
  fi
  mkdir -p "$state/leases"
  : >"$state/leases/$pid"
  echo "$state/env"
}

cmd_release() {
  local pid="${1:?usage: release PID}"
  rm -f "$state/leases/$pid"
  if [ "$(cat "$state/started-by" 2>/dev/null)" = ensure ] && [ "$(live_leases)" -eq 0 ]; then do_stop; fi
}

cmd_status() {
  server_pid >/dev/null && [ -f "$state/env" ] && answers "$(sed -n 's/^RT_URL=//p' "$state/env")" || {
    log "not running"
    exit 1
  }
  echo "$state/env"
}

case "${1:-}" in
  install) cmd_install ;;
  reset) locked do_reset ;;
  start) locked do_start start ;;
  stop) locked do_stop ;;
  status) cmd_status ;;
  ensure) locked cmd_ensure "${2:-}" ;;
  release) locked cmd_release "${2:-}" ;;
  *)
    sed -n '2,/^set -e/p' "$0" | sed '$d' >&2
    exit 2
    ;;
esac
