#!/usr/bin/python3
"""A real SMTP server for tests (scripts/lib/mail_servers.sh starts it).

aiosmtpd (Debian's python3-aiosmtpd) speaks the protocol; this file only
decides what to accept and where to deliver:

- listens on 127.0.0.1:PORT with STARTTLS offered, and with --tls-port also
  on a second port with implicit TLS (SMTPS), both with the certificate given;
- AUTH PLAIN/LOGIN is offered after STARTTLS (and on the TLS port) and checks
  the user and password given; a client may also send without AUTH;
- each recipient whose address is listed in the --reject file (one address a
  line, read at every RCPT TO, so a test may add one while the server runs)
  is refused with "550 5.1.1 <address>: mailbox unavailable (rejected by the
  test server)"; every other one is accepted;
- each accepted message is delivered into the Maildir ROOT/<local part> of
  each recipient, the local part lowercased and without its sub-address
  ("office+abc@x" goes to ROOT/office), written to tmp/ then renamed into
  new/ (the Maildir protocol), with Return-Path and Delivered-To prepended.
"""

import argparse
import os
import signal
import socket
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

_counter = 0


def maildir_for(root, address):
    local = address.rsplit("@", 1)[0].split("+", 1)[0].lower()
    # A recipient's local part names a directory: keep it to a safe name.
    safe = "".join(c if (c.isalnum() or c in "-_.") else "_" for c in local).strip(".") or "_"
    return os.path.join(root, safe)


def deliver(root, address, envelope_from, content):
    global _counter
    box = maildir_for(root, address)
    for sub in ("tmp", "new", "cur"):
        os.makedirs(os.path.join(box, sub), exist_ok=True)
    _counter += 1
    name = "%d.M%dP%dQ%d.%s" % (time.time(), time.time_ns() % 1000000, os.getpid(), _counter,
                                socket.gethostname())
    header = ("Return-Path: <%s>\r\nDelivered-To: %s\r\n" % (envelope_from, address)).encode()
    tmp = os.path.join(box, "tmp", name)
    with open(tmp, "wb") as f:
        f.write(header + content)
        f.flush()
        os.fsync(f.fileno())
    os.rename(tmp, os.path.join(box, "new", name))


class Handler:
    def __init__(self, root, reject_file):
        self.root = root
        self.reject_file = reject_file

    def rejected(self, address):
        try:
            with open(self.reject_file, encoding="utf-8") as f:
                listed = {line.strip().lower() for line in f if line.strip()}
        except FileNotFoundError:
            return False
        return address.lower() in listed

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.rejected(address):
            return "550 5.1.1 <%s>: mailbox unavailable (rejected by the test server)" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        for rcpt in envelope.rcpt_tos:
            deliver(self.root, rcpt, envelope.mail_from, content)
        return "250 2.0.0 OK queued as %d" % _counter


class Authenticator:
    def __init__(self, user, password):
        self.user = user.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and auth_data.login == self.user \
                and auth_data.password == self.password:
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--tls-port", type=int, default=0)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--maildir-root", required=True)
    p.add_argument("--reject", required=True)
    p.add_argument("--user", default="office")
    p.add_argument("--password", default="secret")
    a = p.parse_args()

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(a.cert, a.key)
    handler = Handler(a.maildir_root, a.reject)
    common = dict(hostname="127.0.0.1", authenticator=Authenticator(a.user, a.password),
                  auth_required=False, data_size_limit=64 * 1024 * 1024,
                  server_hostname="localhost")
    controllers = [Controller(handler, port=a.port, tls_context=context, require_starttls=False,
                              **common)]
    if a.tls_port:
        controllers.append(Controller(handler, port=a.tls_port, ssl_context=context,
                                      auth_require_tls=False, **common))
    for c in controllers:
        c.start()
    print("ready", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        signal.pause()
    finally:
        for c in controllers:
            c.stop()


if __name__ == "__main__":
    main()
