#!/usr/bin/python3
"""The running application, through the accessibility tree (AT-SPI), as a screen reader
or a keyboard-only user meets it.

  test-accessibility.py BINARY PROC_ROOT

Run through gui-wrapper.sh: the app and this test share the X server and the session bus,
and the accessibility bus that the bus starts. Every interactive element and every cell
of the tree must have a name that says what it is (not a GTK type name), and the tree
must be usable with the keyboard alone: search, leave the search, move, expand.
"""
import re
import subprocess
import sys
import time

import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

binary, proc_root = sys.argv[1], sys.argv[2]
failures = []
TYPE_NAME = re.compile(r"^(Gtk|Mci|Gdk)[A-Z]\w*$")
INTERACTIVE = {"push button", "toggle button", "combo box", "entry", "text", "menu button",
               "check box", "radio button", "spin button", "slider", "link", "menu item"}


def check(condition, what):
    print(("ok: " if condition else "FAILED: ") + what, flush=True)
    if not condition:
        failures.append(what)


def walk(node, depth=0):
    yield node, depth
    for i in range(node.get_child_count()):
        child = node.get_child_at_index(i)
        if child is not None:
            yield from walk(child, depth + 1)


def find_app(timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is not None and app.get_name() == "most-connected-ip":
                for node, _ in walk(app):
                    if node.get_role_name() == "table row" and "←" in (node.get_name() or ""):
                        return app
        time.sleep(0.2)
    return None


def names(app, role=None):
    return [n.get_name() for n, _ in walk(app) if role is None or n.get_role_name() == role]


def wait_for(predicate, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


KEYSYMS = {"Escape": 0xff1b, "Tab": 0xff09, "Down": 0xff54, "Right": 0xff53, "Left": 0xff51}
CONTROL_KEYCODE = 37  # Control_L in the X server's default keymap


def press(name, control=False):
    """A key as a person presses it. A keysym is synthesised as press and release at
    once, so Control is held down by its keycode around it."""
    if control:
        Atspi.generate_keyboard_event(CONTROL_KEYCODE, None, Atspi.KeySynthType.PRESS)
    keysym = KEYSYMS[name] if name in KEYSYMS else ord(name)
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    if control:
        Atspi.generate_keyboard_event(CONTROL_KEYCODE, None, Atspi.KeySynthType.RELEASE)
    time.sleep(0.25)


def focused(app):
    for node, _ in walk(app):
        if node.get_state_set().contains(Atspi.StateType.FOCUSED):
            return node
    return None


def check_names(app):
    unnamed = []
    cells = 0
    for node, depth in walk(app):
        role = node.get_role_name()
        name = node.get_name() or ""
        states = node.get_state_set()
        interactive = role in INTERACTIVE or states.contains(Atspi.StateType.FOCUSABLE)
        if role == "table cell":
            cells += 1
        if (interactive or role in ("table cell", "table row")) and (not name or TYPE_NAME.match(name)):
            unnamed.append("%s %r" % (role, name))
    check(cells >= 20, "the tree shows cells (%d)" % cells)
    check(not unnamed, "every interactive element and cell has a name"
          + ("" if not unnamed else ": unnamed " + ", ".join(sorted(set(unnamed)))))
    controls = {(n.get_role_name(), n.get_name()) for n, _ in walk(app)}
    for control in (("push button", "Refresh Now"), ("combo box", "Refresh Interval"),
                    ("toggle button", "Search"), ("toggle button", "Main Menu"),
                    ("entry", "Search Connections")):
        check(control in controls or (control[0] == "toggle button" and ("push button", control[1]) in controls),
              "a %s named %r" % control)
    row_names = names(app, "table row")
    check("192.0.2.10:443 ← 198.51.100.23" in row_names, "a group row is named after its endpoint")
    cell_names = names(app, "table cell")
    check("9 connections" in cell_names and "6 × ESTABLISHED, 3 × TIME_WAIT" in cell_names,
          "cells are named after their count and states")


def check_keyboard(app):
    press("f", control=True)
    node = focused(app)
    check(node is not None and node.get_role_name() in ("entry", "text")
          and node.get_name() == "Search Connections", "Ctrl+F puts the focus in the search entry")
    check(wait_for(lambda: "192.0.2.10:443 ← 198.51.100.23" in names(app, "table row")),
          "Ctrl+F types nothing: the tree is still whole")
    for ch in "5432":
        press(ch)
    shown = wait_for(lambda: "127.0.0.1 → 127.0.0.1:5432" in names(app, "table row")
                     and "127.0.0.1 → 127.0.0.1:6379" not in names(app, "table row"))
    check(shown, "typing 5432 leaves the 5432 group and hides the 6379 one")
    press("Escape")
    back = wait_for(lambda: "127.0.0.1 → 127.0.0.1:6379" in names(app, "table row"))
    check(back, "Escape ends the search and everything is back")

    # into the tree with Tab, then move with Down and open a group with Right
    reached = None
    rows = set(names(app, "table row"))
    for _ in range(20):
        press("Tab")
        node = focused(app)
        if node is not None and node.get_name() in rows:
            reached = node
            break
    check(reached is not None, "Tab reaches the tree")
    if reached is None:
        return
    first = reached.get_name()
    press("Down")
    second = focused(app)
    check(second is not None and second.get_name() != first,
          "Down moves to the next row (%r → %r)" % (first, second.get_name() if second else None))
    group = second.get_name() if second is not None else ""
    press("Right")
    opened = wait_for(lambda: any(n.startswith(group + ":") for n in names(app, "table row")))
    check("←" in group and opened, "Right opens the group %r onto its connections" % group)
    press("Left")
    closed = wait_for(lambda: not any(n.startswith(group + ":") for n in names(app, "table row")))
    check(closed, "Left closes it again")


app_process = subprocess.Popen([binary, "-n", "--proc", proc_root])
try:
    app = find_app()
    check(app is not None, "the application is on the accessibility bus with its tree")
    if app is not None:
        check_names(app)
        check_keyboard(app)
finally:
    app_process.terminate()
    app_process.wait(timeout=10)
sys.exit(1 if failures else 0)
