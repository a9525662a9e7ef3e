#!/usr/bin/python3
"""The live terminal modes: --watch on a real pseudo-terminal, --json --watch and
--events through a pipe, with real loopback connections opened and closed.

  test-watch.py BINARY CAPTURE

Other programs open and close sockets on this machine too: the checks look for this
test's own connections by port. Each mode ends with SIGINT (Ctrl+C), as a person ends it.
"""
import fcntl
import json
import os
import pty
import select
import signal
import socket
import struct
import subprocess
import sys
import termios
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mci_checks import check, exit_status  # noqa: E402

binary, capture = sys.argv[1], sys.argv[2]
REPAINT = b"\033[H\033[2J"
ROWS, COLUMNS = 24, 200
TIMEOUT = 45  # ample for a sanitizer build on a busy machine; met at once otherwise


def connection_pair():
    """A listener, and a loopback connection to it: (listener, client, server, port)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    server, _ = listener.accept()
    return listener, client, server, port


def read_until(fd, done, timeout=TIMEOUT):
    """Reads @fd until done(everything read) holds; returns what was read."""
    data = b""
    deadline = time.monotonic() + timeout
    while not done(data) and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the pty's other end is gone
                break
            if not chunk:
                break
            data += chunk
    return data


def interrupt(process):
    process.send_signal(signal.SIGINT)
    return process.wait(timeout=TIMEOUT)


def test_watch_on_a_terminal():
    # more groups than the terminal has rows: a repaint must still not scroll
    pairs = [connection_pair() for _ in range(ROWS + 6)]
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    process = subprocess.Popen([binary, "--watch", "0.3", "--numeric"], stdin=secondary,
                               stdout=secondary, stderr=subprocess.PIPE)
    os.close(secondary)
    output = read_until(primary, lambda data: data.count(REPAINT) >= 3)
    status = interrupt(process)
    output += read_until(primary, lambda data: False, timeout=0.5)
    os.close(primary)
    frames = output.split(REPAINT)
    check(frames[0] == b"" and len(frames) >= 4,
          "--watch on a terminal repaints in place, from the top (%d repaints)" % (len(frames) - 1))
    lines = [frame.decode().replace("\r", "").split("\n") for frame in frames[1:]]
    check(all(len(frame) <= ROWS for frame in lines),
          "no repaint is taller than the terminal's %d rows (so none scrolls)" % ROWS)
    check(all(len(line) <= COLUMNS for frame in lines for line in frame),
          "no line is wider than the terminal's %d columns" % COLUMNS)
    check(any("-->" in line and " open · 0 closed in 10 min" in line
              for frame in lines for line in frame),
          "each group line has its closed count (“… closed in 10 min”)")
    check(status == 0, "Ctrl+C ends --watch with status 0 (%d)" % status)
    check(output.endswith(b"\n"), "--watch leaves no half line")
    for listener, client, server, _ in pairs:
        for s in (listener, client, server):
            s.close()


class JsonLines:
    """The JSON lines a process writes, parsed as they come: a busy machine's snapshot
    lines are large, and each is parsed once."""

    def __init__(self, process):
        self.process = process
        self.pending = b""
        self.items = []
        self.raw = b""

    def read_until(self, done, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        fd = self.process.stdout.fileno()
        while not done(self.items) and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    break
                self.take(chunk)
        return done(self.items)

    def take(self, chunk):
        self.raw += chunk
        lines = (self.pending + chunk).split(b"\n")
        self.pending = lines.pop()
        self.items += [json.loads(line) for line in lines if line]

    def interrupt(self):
        """Ctrl+C, reading on meanwhile: a writer blocked on a full pipe could not end."""
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=TIMEOUT)
        self.take(out)
        self.err = (err or b"").decode(errors="replace")
        return self.process.returncode


def find_group(snapshot, port):
    for section in snapshot["sections"]:
        for group in section["groups"]:
            if group["remote_port"] == port and section["kind"] == "looping":
                return group
    return None


def test_json_watch():
    process = subprocess.Popen([binary, "--json", "--watch", "0.3", "--numeric",
                                "--history-window", "60"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader = JsonLines(process)
    listener, client, server, port = connection_pair()
    client.sendall(b"x" * 3000)
    server.recv(3000, socket.MSG_WAITALL)
    # seen open by a sample, then closed
    reader.read_until(lambda items: any(find_group(s, port) for s in items))
    client.close()
    server.close()
    listener.close()
    reader.read_until(lambda items: any((find_group(s, port) or {}).get("closed", 0) >= 1
                                        for s in items))
    status = reader.interrupt()
    snapshots = reader.items
    check(len(snapshots) >= 2 and all(s["schema"] == 1 for s in snapshots),
          "--json --watch writes one JSON snapshot a line (%d lines)" % len(snapshots))
    check(all(s["history"]["recorded"] and
              s["history"]["window_seconds"] == 60 for s in snapshots),
          "each snapshot says closes are recorded, for the window asked (60 s)")
    mine = [find_group(s, port) for s in snapshots if find_group(s, port)]
    last = mine[-1] if mine else {}
    records = last.get("closed_connections", [])
    check(last.get("closed") == 1 and len(records) == 1,
          "the group of the closed connection counts it once, though both its ends closed")
    check([r["bytes_sent"] for r in records] == [3000] and
          all(r["first_seen"] and r["duration_seconds"] is not None for r in records),
          "its closed records have their bytes, first-seen time and duration")
    check(status == 0 and reader.raw.endswith(b"\n") and reader.pending == b"",
          "Ctrl+C ends --json --watch cleanly (%d%s)" % (status, reader.err[-500:]))


def test_events():
    process = subprocess.Popen([binary, "--events", "--numeric"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    reader = JsonLines(process)
    time.sleep(0.5)  # the listener is up before the connection
    listener, client, server, port = connection_pair()
    client.sendall(b"y" * 1234)
    server.recv(1234, socket.MSG_WAITALL)

    def mine(items):
        return [e for e in items if port in (e["connection"]["local_port"],
                                             e["connection"]["remote_port"])]
    reader.read_until(lambda items: any(e["event"] == "opened" for e in mine(items)))
    client.close()
    server.close()
    listener.close()
    reader.read_until(lambda items: any(e["event"] == "closed" and
                                        e["connection"]["remote_port"] == port
                                        for e in mine(items)))
    status = reader.interrupt()
    check(len(reader.items) > 0 and reader.pending == b"",
          "every --events line parses as JSON (%d)" % len(reader.items))
    check(any(e["event"] == "opened" for e in mine(reader.items)),
          "a sample's new connection is an “opened” event")
    closed = [e["connection"] for e in mine(reader.items) if e["event"] == "closed"
              and e["connection"]["remote_port"] == port]
    check(len(closed) == 1 and closed[0]["bytes_sent"] == 1234 and closed[0]["owner"],
          "its close is a “closed” event with its bytes and owner")
    check(status == 0 and reader.raw.endswith(b"\n"), "Ctrl+C ends --events cleanly")


def test_sigterm():
    process = subprocess.Popen([binary, "--events", "--numeric"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    time.sleep(1)
    process.send_signal(signal.SIGTERM)
    out, _ = process.communicate(timeout=TIMEOUT)
    check(process.returncode == 0 and (out == b"" or out.endswith(b"\n")),
          "SIGTERM ends --events cleanly too (%d)" % process.returncode)


def test_capture_is_not_recorded():
    process = subprocess.Popen([binary, "--watch", "0.2", "--numeric", "--proc", capture],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(1)
    status = interrupt(process)
    err = process.stderr.read().decode()
    check("Closed connections are not recorded" in err and status == 0,
          "--watch of a capture says closed connections are not recorded")


def test_bad_options():
    cases = [
        (["--events", "--json"], "--events and --json"),
        (["--watch", "--rates"], "--watch and --rates"),
        (["--history-window", "60"], "--history-window goes with"),
        (["--watch", "--history-window", "0"], "--history-window takes"),
        (["--watch", "--history-window", "90000"], "--history-window takes"),
        (["--events", "--history-max-records", "0"], "--history-max-records takes"),
        (["--watch", "0.01"], "--watch takes"),
        (["--watch", "soon"], "--watch"),
        (["--watch", "--host", "192.0.2.1"], "--host and --watch"),
        (["--events", "--host", "192.0.2.1"], "--host and --events"),
    ]
    for arguments, needle in cases:
        run = subprocess.run([binary] + arguments, capture_output=True, text=True, timeout=TIMEOUT)
        check(run.returncode == 2 and run.stderr.count("\n") == 1 and needle in run.stderr
              and run.stdout == "",
              "%s: one line, status 2 (%d: %r)" % (" ".join(arguments), run.returncode,
                                                   run.stderr))


test_bad_options()
test_capture_is_not_recorded()
test_watch_on_a_terminal()
test_json_watch()
test_events()
test_sigterm()
sys.exit(exit_status())
