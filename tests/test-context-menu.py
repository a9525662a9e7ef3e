#!/usr/bin/python3
"""The row's context menu and Look Up, driven through the accessibility tree as a user
would: a right click on a row, "Copy Address", the real clipboard read by this (other)
process; then Shift+F10 on the keyboard and "Look Up…" on 127.0.0.1, which must say
`localhost`, forward-confirmed.

  test-context-menu.py BINARY PROC_ROOT

The tree shows addresses only (-n); Look Up asks for 127.0.0.1's name itself, which
/etc/hosts answers: nothing is asked of a DNS server.
"""
import os
import subprocess
import sys
import time

import gi
gi.require_version("Atspi", "2.0")
gi.require_version("Gdk", "4.0")
gi.require_version("Gtk", "4.0")
from gi.repository import Atspi, Gdk, GLib, Gtk  # noqa: E402

binary, proc_root = sys.argv[1], sys.argv[2]
failures = []
CONTROL_KEYCODE, SHIFT_KEYCODE = 37, 50  # in the X server's default keymap
ROW = "127.0.0.1 → 127.0.0.1:5432"


def check(condition, what):
    print(("ok: " if condition else "FAILED: ") + what, flush=True)
    if not condition:
        failures.append(what)


def walk(node):
    yield node
    for i in range(node.get_child_count()):
        child = node.get_child_at_index(i)
        if child is not None:
            yield from walk(child)


def wait_for(predicate, timeout=10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.2)
    return None


def find_app():
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_name() == "most-connected-ip":
            return app
    return None


def find(app, role, name):
    for node in walk(app):
        if node.get_role_name() == role and node.get_name() == name:
            return node
    return None


def key(keysym, shift=False):
    if shift:
        Atspi.generate_keyboard_event(SHIFT_KEYCODE, None, Atspi.KeySynthType.PRESS)
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    if shift:
        Atspi.generate_keyboard_event(SHIFT_KEYCODE, None, Atspi.KeySynthType.RELEASE)
    time.sleep(0.3)


def focused(app):
    for node in walk(app):
        if node.get_state_set().contains(Atspi.StateType.FOCUSED):
            return node
    return None


def read_clipboard():
    result = {}
    loop = GLib.MainLoop()

    def done(clipboard, res):
        result["text"] = clipboard.read_text_finish(res)
        loop.quit()

    Gdk.Display.get_default().get_clipboard().read_text_async(None, done)
    GLib.timeout_add(5000, loop.quit)
    loop.run()
    return result.get("text")


def value_of(frame, name):
    """The values labelled by the title @name: a screen reader reads "localhost Reverse
    name", the value and then the title that labels it."""
    suffix = " " + name
    return [n.get_name()[:-len(suffix)] for n in walk(frame) if n.get_role_name() == "label"
            and n.get_name().endswith(suffix)]


def text_of(node):
    return Atspi.Text.get_text(node, 0, Atspi.Text.get_character_count(node))


def menu_item(app, name):
    return wait_for(lambda: find(app, "menu item", name), timeout=5)


Gtk.init()
process = subprocess.Popen([binary, "-n", "--proc", proc_root])
try:
    app = wait_for(lambda: (lambda a: a if a and find(a, "table row", ROW) else None)(find_app()),
                   timeout=20)
    check(app is not None, "the app shows the row %r" % ROW)
    if app is None:
        sys.exit(1)

    # a right click on the row opens its menu
    row = find(app, "table row", ROW)
    extents = row.get_extents(Atspi.CoordType.SCREEN)
    Atspi.generate_mouse_event(extents.x + 40, extents.y + extents.height // 2, "b3c")
    copy = menu_item(app, "Copy Address")
    check(copy is not None, "a right click opens the row's menu, with Copy Address")
    check(find(app, "menu item", "Copy Host Name") is None,
          "Copy Host Name is not offered for a row without a name")
    for item in ("Copy Endpoint", "Copy Row", "Look Up…"):
        check(find(app, "menu item", item) is not None, "the menu offers %s" % item)
    if copy is not None:
        copy.do_action(0)
        time.sleep(0.5)
        text = read_clipboard()
        check(text == "127.0.0.1", "Copy Address put %r on the clipboard" % text)

    # from the keyboard: Tab into the tree, down to the row, Shift+F10 opens its menu
    rows = [n.get_name() for n in walk(app) if n.get_role_name() == "table row"]
    for _ in range(25):
        node = focused(app)
        if node is not None and node.get_name() in rows:
            break
        key(0xff09)  # Tab
    for _ in range(len(rows)):
        node = focused(app)
        if node is not None and node.get_name() == ROW:
            break
        key(0xff54)  # Down
    check(focused(app) is not None and focused(app).get_name() == ROW,
          "the keyboard reaches the row")
    key(0xffc7, shift=True)  # F10
    menu = wait_for(lambda: (lambda n: n if n and n.get_role_name() == "menu item" else None)(
        focused(app)), timeout=5)
    check(menu is not None, "Shift+F10 opens the row's menu, with the focus in it")
    for _ in range(6):
        node = focused(app)
        if node is None or node.get_name() == "Look Up…":
            break
        key(0xff54)  # Down
    check(focused(app) is not None and focused(app).get_name() == "Look Up…",
          "Down reaches Look Up…")
    if menu is not None:
        key(0xff0d)  # Return
        frame = wait_for(lambda: find(app, "frame", "Look Up 127.0.0.1"))
        check(frame is not None, "Look Up opens its window")
        if frame is not None:
            reverse = wait_for(lambda: "localhost" in value_of(frame, "Reverse name"))
            check(reverse, "Look Up names 127.0.0.1 localhost (%r)"
                  % value_of(frame, "Reverse name"))
            confirmed = "Forward-confirmed: localhost points back to 127.0.0.1"
            forward = wait_for(lambda: confirmed in value_of(frame, "Forward confirmation"))
            check(forward, "and says it is forward-confirmed (%r)"
                  % value_of(frame, "Forward confirmation"))
finally:
    process.terminate()
    process.wait(timeout=10)
sys.exit(1 if failures else 0)
