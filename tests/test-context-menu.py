#!/usr/bin/python3
"""The row's context menu and Look Up, driven through the accessibility tree as a user
would: a right click on a row, "Copy Address", the real clipboard read by this (other)
process; then Shift+F10 on the keyboard and "Look Up…" on 127.0.0.1, which must say
`localhost`, forward-confirmed. A section row's menu copies the section as text; Ctrl+W
closes Look Up, then the window, and the application quits.

  test-context-menu.py BINARY PROC_ROOT

The tree shows addresses only (-n); Look Up asks for 127.0.0.1's name itself, which
/etc/hosts answers: nothing is asked of a DNS server.
"""
import os
import subprocess
import sys

import gi
gi.require_version("Gdk", "4.0")
gi.require_version("Gtk", "4.0")
from gi.repository import Gdk, GLib, Gtk  # noqa: E402

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mci_atspi import (Atspi, find, focused, names, press, press_moving_focus,  # noqa: E402
                       wait_for, wait_for_app, walk)
from mci_checks import check, exit_status  # noqa: E402

binary, proc_root = sys.argv[1], sys.argv[2]
ROW = "127.0.0.1 → 127.0.0.1:5432"


def read_clipboard():
    result = {}
    loop = GLib.MainLoop()

    def done(clipboard, res):
        try:
            result["text"] = clipboard.read_text_finish(res)
        except GLib.Error:  # nothing on the clipboard yet
            pass
        loop.quit()

    Gdk.Display.get_default().get_clipboard().read_text_async(None, done)
    GLib.timeout_add(5000, loop.quit)
    loop.run()
    return result.get("text")


def value_of(frame, name):
    """The values titled @name: a screen reader reads "Reverse name: localhost", the
    title and then the value, as they are seen."""
    prefix = name + ": "
    return [n.get_name()[len(prefix):] for n in walk(frame) if n.get_role_name() == "label"
            and n.get_name().startswith(prefix)]


def text_of(node):
    return Atspi.Text.get_text(node, 0, Atspi.Text.get_character_count(node))


def menu_item(app, name):
    return wait_for(lambda: find(app, "menu item", name), timeout=5)


Gtk.init()
process = subprocess.Popen([binary, "-n", "--proc", proc_root])
try:
    app = wait_for_app(lambda a: find(a, "table row", ROW))
    check(app is not None, "the app shows the row %r" % ROW)
    if app is None:
        sys.exit(1)

    # where the section row is, read now: after a menu closes, GTK 4.8 rebuilds the rows
    # on the accessibility bus, and a row may be missing from it for a while
    section = wait_for(lambda: find(app, "table row", "Distant outbound"))
    check(section is not None, "the section row 'Distant outbound' is shown")
    if section is None:
        sys.exit(exit_status())
    section_extents = section.get_extents(Atspi.CoordType.SCREEN)

    # a right click on the row opens its menu
    row = find(app, "table row", ROW)
    extents = row.get_extents(Atspi.CoordType.SCREEN)
    Atspi.generate_mouse_event(extents.x + 40, extents.y + extents.height // 2, "b3c")
    copy = menu_item(app, "Copy Address")
    check(copy is not None, "a right click opens the row's menu, with Copy Address")
    check(find(app, "menu item", "Copy Host Name") is None,
          "Copy Host Name is not offered for a row without a name")
    for item in ("Copy Distant Endpoint", "Copy Row", "Look Up…"):
        check(find(app, "menu item", item) is not None, "the menu offers %s" % item)
    if copy is not None:
        copy.do_action(0)
        text = wait_for(read_clipboard)
        check(text == "127.0.0.1", "Copy Address put %r on the clipboard" % text)

    # a right click on a section row: its menu copies the section as the text report
    # Copy Address closed the menu; an Escape pressed now could reach the window only
    # after the next menu opened, and close that one
    if wait_for(lambda: find(app, "menu item", "Copy Address") is None, timeout=5) is None:
        press("Escape")
        wait_for(lambda: find(app, "menu item", "Copy Address") is None, timeout=5)
    extents = section_extents
    Atspi.generate_mouse_event(extents.x + 40, extents.y + extents.height // 2, "b3c")
    copy = menu_item(app, "Copy Section as Text")
    check(copy is not None, "a right click on a section opens its menu")
    if copy is not None:
        copy.do_action(0)
        text = wait_for(lambda: (lambda t: t if t and t.startswith("Distant outbound") else None)(
            read_clipboard()))
        check(text is not None and text.startswith("Distant outbound connections: 4\n")
              and "203.0.113.50:443" in text, "Copy Section as Text copied %r" % text)

    # from the keyboard: Tab into the tree, down to the row, Shift+F10 opens its menu
    rows = wait_for(lambda: names(app, "table row"))
    for _ in range(25):
        node = focused(app)
        if node is not None and node.get_name() in rows:
            break
        press_moving_focus(app, "Tab")
    for _ in range(len(rows)):
        node = focused(app)
        if node is not None and node.get_name() == ROW:
            break
        press_moving_focus(app, "Down")
    check(focused(app) is not None and focused(app).get_name() == ROW,
          "the keyboard reaches the row")
    press("F10", shift=True)
    menu = wait_for(lambda: (lambda n: n if n and n.get_role_name() == "menu item" else None)(
        focused(app)), timeout=5)
    check(menu is not None, "Shift+F10 opens the row's menu, with the focus in it")
    for _ in range(6):
        node = focused(app)
        if node is None or node.get_name() == "Look Up…":
            break
        press_moving_focus(app, "Down")
    check(focused(app) is not None and focused(app).get_name() == "Look Up…",
          "Down reaches Look Up…")
    if menu is not None:
        press("Return")
        frame = wait_for(lambda: find(app, "frame", "Look Up 127.0.0.1"))
        check(frame is not None, "Look Up opens its window")
        if frame is not None:
            buttons = names(frame, "push button")
            check("Stop" in buttons and "Stop Stop" not in buttons,
                  "the Stop button reads Stop, once (%r)" % [b for b in buttons if "Stop" in b])
            check(value_of(frame, "Address") == ["127.0.0.1"],
                  "the address reads title first: Address: 127.0.0.1 (%r)"
                  % [n for n in names(frame, "label") if "127.0.0.1" in n])
            reverse = wait_for(lambda: "localhost" in value_of(frame, "Reverse name"))
            check(reverse, "Look Up names 127.0.0.1 localhost (%r)"
                  % value_of(frame, "Reverse name"))
            confirmed = "Forward-confirmed: localhost points back to 127.0.0.1"
            forward = wait_for(lambda: confirmed in value_of(frame, "Forward confirmation"))
            check(forward, "and says it is forward-confirmed (%r)"
                  % value_of(frame, "Forward confirmation"))

    # Ctrl+W closes the focused window: Look Up, then the main one, and the app quits
    press("w", control=True)
    check(wait_for(lambda: find(app, "frame", "Look Up 127.0.0.1") is None, timeout=5),
          "Ctrl+W closes Look Up")
    wait_for(lambda: focused(app) is not None, timeout=5)
    press("w", control=True)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        pass
    check(process.poll() is not None, "Ctrl+W closes the last window, and the app quits")
finally:
    process.terminate()
    process.wait(timeout=10)
sys.exit(exit_status())
