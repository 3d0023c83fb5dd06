# scripts/lib.sh: set-up shared by the test, demo, fuzz and benchmark drivers.
#
# Every driver may start as root (CI) or as an ordinary user.  As root it
# installs what is missing from Debian's archive and runs PostgreSQL as an
# unprivileged user, because the server refuses to run as root.  As an
# ordinary user it never escalates: it prints the command to run instead.

PG_MAJOR=${PG_MAJOR:-15}
PG_CONFIG=${PG_CONFIG:-pg_config}
# The unprivileged account that owns throwaway clusters when we are root.
RESETTLE_TEST_USER=${RESETTLE_TEST_USER:-postgres}

# Packages every driver needs to build and run the extension and client.
BASE_PACKAGES="make gcc libc6-dev postgresql-$PG_MAJOR postgresql-server-dev-$PG_MAJOR libpq-dev scdoc"

note() { printf '%s\n' "resettle: $*" >&2; }
die() { printf '%s\n' "resettle: error: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Print the packages of "$@" that are not installed.
missing_packages() {
	local p
	for p in "$@"; do
		if [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" != "install ok installed" ]; then
			printf '%s ' "$p"
		fi
	done
}

# Install missing Debian packages as root; as anyone else, say how.
ensure_packages() {
	local missing
	missing=$(missing_packages "$@")
	[ -z "$missing" ] && return 0
	if is_root; then
		note "installing Debian packages: $missing"
		export DEBIAN_FRONTEND=noninteractive
		if ! apt-get install -y -q --no-install-recommends $missing >/tmp/resettle-apt.log 2>&1; then
			apt-get update -q >>/tmp/resettle-apt.log 2>&1 || true
			apt-get install -y -q --no-install-recommends $missing >>/tmp/resettle-apt.log 2>&1 \
				|| { cat /tmp/resettle-apt.log >&2; die "apt-get install failed"; }
		fi
	else
		die "missing Debian packages; run as root:
    sudo apt-get install -y $missing
then run this command again."
	fi
}

pg_bindir() { "$PG_CONFIG" --bindir; }
pgxs_dir() { dirname "$(dirname "$(dirname "$("$PG_CONFIG" --pgxs)")")"; }

# Build everything and install it.  As a non-root user, installation is
# done only where the user can write; otherwise the exact command is shown.
build_and_install() {
	make -s PG_CONFIG="$PG_CONFIG" all >/dev/null || die "build failed"
	if is_root || { [ -w "$("$PG_CONFIG" --pkglibdir)" ] && [ -w "$("$PG_CONFIG" --sharedir)/extension" ]; }; then
		make -s PG_CONFIG="$PG_CONFIG" install >/dev/null || die "make install failed"
	elif ! installed_is_current; then
		die "the installed extension is missing or older than this build; run:
    sudo make install PG_CONFIG=$PG_CONFIG
then run this command again."
	fi
}

# True if the installed extension matches this build: the same scripts, and
# a library (builds in different directories differ in debug information, so
# the library itself is not compared).
installed_is_current() {
	local share lib
	share=$("$PG_CONFIG" --sharedir)/extension
	lib=$("$PG_CONFIG" --pkglibdir)
	local script
	cmp -s resettle.control "$share/resettle.control" || return 1
	for script in sql/resettle--*.sql; do
		cmp -s "$script" "$share/$(basename "$script")" || return 1
	done
	[ -f "$lib/resettle.so" ]
}

# Make a fresh working directory the server's user can read and write,
# holding a copy of the given paths of the source tree (CI's checkout may sit
# where that user cannot read, e.g. under /root).
make_workdir() {
	local prefix=$1; shift
	local dir
	dir=$(mktemp -d "/tmp/$prefix.XXXXXX")
	cp -a "$@" "$dir"/
	chmod 755 "$dir"
	if is_root; then
		id "$RESETTLE_TEST_USER" >/dev/null 2>&1 ||
			useradd --system --no-create-home "$RESETTLE_TEST_USER"
		chown -R "$RESETTLE_TEST_USER" "$dir"
	fi
	printf '%s\n' "$dir"
}

# Run a command as the unprivileged user (ourselves if not root), from /
# when that user cannot enter the current directory (e.g. under /root).
as_server_user() {
	if ! is_root; then
		"$@"
	elif runuser -u "$RESETTLE_TEST_USER" -- test -x "$PWD"; then
		runuser -u "$RESETTLE_TEST_USER" -- "$@"
	else
		(cd / && runuser -u "$RESETTLE_TEST_USER" -- "$@")
	fi
}

# The server user must be able to reach the PostgreSQL programs and the work
# directory.  On a machine whose root directory (or another directory on the
# way) lets only root through -- as in some freshly built chroots -- add the
# search permission that a normal system has, and say so.
ensure_server_user_can_run() {
	is_root || return 0
	local target dir
	for target in "$@"; do
		dir=$target
		while [ "$dir" != "/" ] && [ -n "$dir" ]; do
			dir=$(dirname "$dir")
			if [ -d "$dir" ] && [ $(( 0$(stat -c %a "$dir") & 1 )) -eq 0 ]; then
				note "giving other users search permission on $dir (needed by $RESETTLE_TEST_USER)"
				chmod o+x "$dir"
			fi
		done
	done
	runuser -u "$RESETTLE_TEST_USER" -- test -x "$1/postgres" ||
		die "user $RESETTLE_TEST_USER cannot run $1/postgres"
}

# --- Throwaway clusters: the demo, the soak, the benchmarks and the test
# run's installcheck server.  Each is owned by the server user, lives in a
# directory of its own (data/, server.log, initdb.log) and listens only on
# its socket in that directory, on its own default port (RESETTLE_*_PORT
# overrides each), so that two of them never meet.
DEMO_DEFAULT_PORT=54329
SOAK_DEFAULT_PORT=54339
BENCH_DEFAULT_PORT=54349
INSTALLCHECK_DEFAULT_PORT=54397
TEST_DEMO_DEFAULT_PORT=54398

# cluster_start DIR PORT LOCALE [SETTING...]: initdb and start a cluster in
# DIR (which the server user can write), each SETTING a postgresql.conf
# line ("name = value"; in the file, not on pg_ctl's command line, which a
# shell reads).
cluster_start() {
	local dir=$1 port=$2 locale=$3 bindir
	shift 3
	bindir=${BINDIR:-$(pg_bindir)}
	as_server_user "$bindir/initdb" -D "$dir/data" -A trust -E UTF8 --locale="$locale" \
		>"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed in $dir"; }
	printf '%s\n' "port = $port" "unix_socket_directories = '$dir'" "listen_addresses = ''" "$@" |
		as_server_user tee -a "$dir/data/postgresql.conf" >/dev/null
	as_server_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null ||
		{ cat "$dir/server.log" >&2; die "the server in $dir did not start"; }
}

# cluster_stop DIR: stop the cluster in DIR if it runs
cluster_stop() {
	[ -f "$1/data/postmaster.pid" ] || return 0
	as_server_user "${BINDIR:-$(pg_bindir)}/pg_ctl" -D "$1/data" -m fast -w stop >/dev/null || true
}

# cluster_psql DIR PORT DB [psql arguments...]: psql as the server user,
# stopping at the first error
cluster_psql() {
	local dir=$1 port=$2 db=$3
	shift 3
	as_server_user "${BINDIR:-$(pg_bindir)}/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -d "$db" "$@"
}
