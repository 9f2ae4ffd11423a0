# Sourced by scripts/test and scripts/bench (or run as `mail_servers.sh serve`,
# see the end): starts a real IMAP server (Dovecot) and a real SMTP server
# (aiosmtpd, scripts/lib/smtp_server.py) for tests and benchmarks, on free
# ports of 127.0.0.1, with their files in a temporary directory, and stops
# them (and removes the directory) when the calling script exits.
#
#   start_test_mail_servers     # sets and exports:
#     TWINNING_TEST_SMTP_URL       smtp://127.0.0.1:PORT   (STARTTLS offered)
#     TWINNING_TEST_SMTPS_URL      smtps://127.0.0.1:PORT  (implicit TLS)
#     TWINNING_TEST_IMAP_URL       imaps://127.0.0.1:PORT/INBOX (the user's mailbox)
#     TWINNING_TEST_MAIL_USER, TWINNING_TEST_MAIL_PASSWORD
#                                  the one account both servers know (AUTH
#                                  is optional on SMTP, required on IMAP)
#     TWINNING_TEST_MAIL_CA        the self-signed certificate both present
#                                  (CN localhost, SAN localhost and 127.0.0.1)
#     TWINNING_TEST_MAILDIR        the Maildir root: the SMTP server delivers
#                                  each recipient's copy into ROOT/<local part>
#                                  (lowercased, sub-address dropped:
#                                  office+x@any goes to ROOT/office), and the
#                                  IMAP user's INBOX is ROOT/<user>
#     TWINNING_TEST_SMTP_REJECT    a file of addresses (one a line, read at
#                                  each RCPT) the SMTP server refuses with 550
#
# Everything runs as the current user, with no privileges: Dovecot's master,
# login and internal processes included (default_login_user and
# default_internal_user are the current user). As root, Dovecot refuses to
# run its login processes or serve mail as root, so then its login processes
# run as Debian's `dovenull` and `dovecot` users and the mail (and the SMTP
# server) as `dovecot`, which owns the directory.

_MAIL_SERVERS_LIB="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

_mail_free_port() {
  /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits up to 20 s for something to listen on 127.0.0.1:$1.
_mail_wait_port() {
  local i
  for i in $(seq 1 200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

stop_test_mail_servers() {
  if [ -n "${_MAIL_DIR:-}" ] && [ -d "$_MAIL_DIR" ]; then
    if [ -f "$_MAIL_DIR/run/master.pid" ]; then
      kill "$(cat "$_MAIL_DIR/run/master.pid")" 2>/dev/null || true
    fi
    if [ -n "${_MAIL_SMTP_PID:-}" ]; then
      kill "$_MAIL_SMTP_PID" 2>/dev/null || true
      wait "$_MAIL_SMTP_PID" 2>/dev/null || true
    fi
    local i
    for i in $(seq 1 50); do
      [ -f "$_MAIL_DIR/run/master.pid" ] && kill -0 "$(cat "$_MAIL_DIR/run/master.pid")" 2>/dev/null || break
      sleep 0.1
    done
    rm -rf "$_MAIL_DIR"
  fi
  _MAIL_DIR=""
  _MAIL_SMTP_PID=""
}

start_test_mail_servers() {
  command -v dovecot >/dev/null || {
    echo "mail servers: no dovecot (install dovecot-imapd: scripts/setup)" >&2
    return 1
  }
  /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || {
    echo "mail servers: no aiosmtpd (install python3-aiosmtpd: scripts/setup)" >&2
    return 1
  }
  local tmp="${TMPDIR:-/tmp}" login_user internal_user mail_user
  if [ "$(id -u)" -eq 0 ]; then
    tmp=/tmp
    login_user=dovenull internal_user=dovecot mail_user=dovecot
  else
    login_user=$(id -un) internal_user=$(id -un) mail_user=$(id -un)
  fi
  _MAIL_DIR=$(mktemp -d "$tmp/twinning-mail.XXXXXX")
  # Stop the servers too when the calling script exits, besides whatever it
  # already does then (e.g. stop_scratch_postgres).
  local previous
  previous=$(trap -p EXIT | sed -e "s/^trap -- '//" -e "s/' EXIT\$//")
  trap "stop_test_mail_servers; ${previous:-:}" EXIT
  trap 'exit 130' INT TERM

  local d="$_MAIL_DIR" uid gid
  uid=$(id -u "$mail_user") gid=$(id -g "$mail_user")
  mkdir -p "$d/maildir" "$d/run" "$d/state"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$d/key.pem" -out "$d/cert.pem" -days 30 \
    -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    >"$d/openssl.log" 2>&1 || { cat "$d/openssl.log" >&2; return 1; }
  chmod 600 "$d/key.pem"
  local user=office password
  password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s:{PLAIN}%s:%s:%s::%s::userdb_mail=maildir:%s\n' \
    "$user" "$password" "$uid" "$gid" "$d" "$d/maildir/$user" >"$d/passwd"
  mkdir -p "$d/maildir/$user/new" "$d/maildir/$user/cur" "$d/maildir/$user/tmp"
  : >"$d/reject"
  chmod 666 "$d/reject"

  local imaps_port smtp_port smtps_port
  imaps_port=$(_mail_free_port) smtp_port=$(_mail_free_port) smtps_port=$(_mail_free_port)
  cat >"$d/dovecot.conf" <<EOF
protocols = imap
listen = 127.0.0.1
base_dir = $d/run
state_dir = $d/state
instance_name = twinning-test-$$
default_login_user = $login_user
default_internal_user = $internal_user
first_valid_uid = $uid
last_valid_uid = $uid
log_path = $d/dovecot.log
ssl = required
ssl_cert = <$d/cert.pem
ssl_key = <$d/key.pem
auth_mechanisms = plain login
mail_fsync = never
passdb {
  driver = passwd-file
  args = scheme=PLAIN $d/passwd
}
userdb {
  driver = passwd-file
  args = $d/passwd
}
service imap-login {
  chroot =
  inet_listener imap {
    port = 0
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $imaps_port
  }
}
service anvil {
  chroot =
}
service auth {
  user = $(id -un)
}
EOF
  if [ "$(id -u)" -eq 0 ]; then chown -R "$mail_user:" "$d"; fi
  dovecot -c "$d/dovecot.conf" >"$d/dovecot.start.log" 2>&1 || {
    cat "$d/dovecot.start.log" "$d/dovecot.log" >&2 2>/dev/null
    return 1
  }
  local as_mail_user=()
  if [ "$(id -u)" -eq 0 ]; then as_mail_user=(runuser -u "$mail_user" --); fi
  "${as_mail_user[@]}" /usr/bin/python3 "$_MAIL_SERVERS_LIB/smtp_server.py" --port "$smtp_port" \
    --tls-port "$smtps_port" --cert "$d/cert.pem" --key "$d/key.pem" \
    --maildir-root "$d/maildir" --reject "$d/reject" --user "$user" --password "$password" \
    >"$d/smtp.log" 2>&1 &
  _MAIL_SMTP_PID=$!
  if ! _mail_wait_port "$imaps_port" || ! _mail_wait_port "$smtp_port" ||
     ! _mail_wait_port "$smtps_port"; then
    echo "mail servers: did not start" >&2
    cat "$d/dovecot.log" "$d/smtp.log" >&2 2>/dev/null
    return 1
  fi
  export TWINNING_TEST_SMTP_URL="smtp://127.0.0.1:$smtp_port"
  export TWINNING_TEST_SMTPS_URL="smtps://127.0.0.1:$smtps_port"
  export TWINNING_TEST_IMAP_URL="imaps://127.0.0.1:$imaps_port/INBOX"
  export TWINNING_TEST_MAIL_USER="$user"
  export TWINNING_TEST_MAIL_PASSWORD="$password"
  export TWINNING_TEST_MAIL_CA="$d/cert.pem"
  export TWINNING_TEST_MAILDIR="$d/maildir"
  export TWINNING_TEST_SMTP_REJECT="$d/reject"
}

# `mail_servers.sh serve`: starts the servers, prints the variables above as
# NAME=VALUE lines and then a line "ready", and keeps them running until its
# standard input is closed (the gtest fixture tests/support/mail_servers.h
# starts them this way when the variables are not set).
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  [ "${1:-}" = serve ] || { echo "usage: $0 serve" >&2; exit 2; }
  start_test_mail_servers
  env | grep -E '^TWINNING_TEST_(SMTP|SMTPS|IMAP|MAIL|MAILDIR)' | sort
  echo ready
  cat >/dev/null || true
fi
