#!/usr/bin/python3
"""The running application, through the accessibility tree (AT-SPI), as a screen reader
or a keyboard-only user meets it.

  test-accessibility.py BINARY PROC_ROOT

Run through gui-wrapper.sh: the app and this test share the X server and the session bus,
and the accessibility bus that the bus starts. Every interactive element and every cell
of the tree must have a name that says what it is (not a GTK type name), and the tree
must be usable with the keyboard alone: the focus starts in the tree and one Tab leaves
it; search, leave the search, move, expand.
"""
import os
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mci_atspi import (Atspi, focused, names, press, press_moving_focus,  # noqa: E402
                       wait_for, wait_for_app, walk)
from mci_checks import check, exit_status  # noqa: E402

binary, proc_root = sys.argv[1], sys.argv[2]
TYPE_NAME = re.compile(r"^(Gtk|Mci|Gdk)[A-Z]\w*$")
INTERACTIVE = {"push button", "toggle button", "combo box", "entry", "text", "menu button",
               "check box", "radio button", "spin button", "slider", "link", "menu item"}


def check_names(app):
    unnamed = []
    cells = 0
    for node in walk(app):
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
    controls = {(n.get_role_name(), n.get_name()) for n in walk(app)}
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
    # an expander says what pressing it does: an open row's no longer says "Expand"
    expanders = [(n.get_name(), n.get_state_set().contains(Atspi.StateType.EXPANDED))
                 for n in walk(app) if n.get_role_name() == "push button"
                 and n.get_name() in ("Expand", "Collapse")]
    wrong = [name for name, expanded in expanders if name != ("Collapse" if expanded else "Expand")]
    check(any(e for _, e in expanders) and any(not e for _, e in expanders) and not wrong,
          "expanders read Collapse on open rows and Expand on closed ones"
          + ("" if not wrong else ": wrong " + ", ".join(wrong)))
    ours = {n.get_name() for n in walk(app) if re.match(r"^(Mci|AdwWindowTitle)", n.get_name() or "")}
    check(not ours, "nothing is named after a type of this program's or its window title's"
          + ("" if not ours else ": " + ", ".join(sorted(ours))))


def check_keyboard(app):
    rows = set(names(app, "table row"))
    start = wait_for(lambda: focused(app))
    check(start is not None and start.get_name() in rows,
          "the focus starts in the tree (%r)" % (start.get_name() if start else None))
    left = press_moving_focus(app, "Tab")
    check(left is not None and left.get_name() not in rows,
          "one Tab leaves the tree (%r)" % (left.get_name() if left else None))

    press("f", control=True)
    node = wait_for(lambda: (lambda n: n if n is not None and n.get_name() == "Search Connections"
                             else None)(focused(app)))
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
        node = press_moving_focus(app, "Tab")
        if node is not None and node.get_name() in rows:
            reached = node
            break
    check(reached is not None, "Tab reaches the tree")
    if reached is None:
        return
    first = reached.get_name()
    second = press_moving_focus(app, "Down")
    check(second is not None and second.get_name() != first,
          "Down moves to the next row (%r → %r)" % (first, second.get_name() if second else None))
    group = second.get_name() if second is not None else ""
    press("Right")
    opened = wait_for(lambda: any(n.startswith(group + ":") for n in names(app, "table row")))
    check("←" in group and opened, "Right opens the group %r onto its connections" % group)
    press("Left")
    closed = wait_for(lambda: not any(n.startswith(group + ":") for n in names(app, "table row")))
    check(closed, "Left closes it again")


def shows_an_inbound_row(app):
    return any(node.get_role_name() == "table row" and "←" in (node.get_name() or "")
               for node in walk(app))


app_process = subprocess.Popen([binary, "-n", "--proc", proc_root])
try:
    app = wait_for_app(shows_an_inbound_row)
    check(app is not None, "the application is on the accessibility bus with its tree")
    if app is not None:
        check_names(app)
        check_keyboard(app)
finally:
    app_process.terminate()
    app_process.wait(timeout=10)
sys.exit(exit_status())
