"""What the tests that drive the running application through the accessibility tree
(AT-SPI) share: finding the application, walking its tree, waiting for what they
expect, and pressing keys as a person does.
"""
import time

import gi
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

APP_NAME = "most-connected-ip"
KEYSYMS = {"Escape": 0xff1b, "Tab": 0xff09, "Return": 0xff0d, "Down": 0xff54,
           "Right": 0xff53, "Left": 0xff51, "F10": 0xffc7}
CONTROL_KEYCODE, SHIFT_KEYCODE = 37, 50  # in the X server's default keymap

def walk(node):
    """@node and everything below it. A part of the tree that goes while it is walked
    (a menu closing, rows recycled) is left out rather than ending the walk: the tree
    lives in another process and changes under the walker."""
    yield node
    try:
        n_children = node.get_child_count()
    except GLib.Error:
        return
    for i in range(n_children):
        try:
            child = node.get_child_at_index(i)
        except GLib.Error:
            continue
        if child is not None:
            yield from walk(child)


def _is(node, role, name):
    try:
        return node.get_role_name() == role and node.get_name() == name
    except GLib.Error:  # gone since the walk reached it
        return False


def wait_for(predicate, timeout=10):
    """Asks @predicate until it gives something true, and returns that; None once
    @timeout seconds have passed. The tree lives in another process: asking again is
    the only way to see it change, and a node can go while it is being asked about."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            found = predicate()
        except GLib.Error:  # the node asked about has just gone: ask again
            found = None
        if found or time.monotonic() > deadline:
            return found or None
        time.sleep(0.1)


def find_app():
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_name() == APP_NAME:
            return app
    return None


def wait_for_app(shows, timeout=20):
    """The application, once it is on the bus and @shows(app) holds; or None."""
    return wait_for(lambda: (lambda app: app if app is not None and shows(app) else None)(
        find_app()), timeout)


def find(node, role, name):
    for n in walk(node):
        if _is(n, role, name):
            return n
    return None


def names(node, role=None):
    return [n.get_name() for n in walk(node) if role is None or n.get_role_name() == role]


def focused(app):
    for node in walk(app):
        if node.get_state_set().contains(Atspi.StateType.FOCUSED):
            return node
    return None


def press(key, control=False, shift=False):
    """A key as a person presses it: @key is a name in KEYSYMS or a character. A keysym
    is synthesised as press and release at once, so a modifier is held down by its
    keycode around it. The key is on its way, not yet handled: wait for its effect."""
    modifiers = [code for code, held in ((CONTROL_KEYCODE, control), (SHIFT_KEYCODE, shift))
                 if held]
    for code in modifiers:
        Atspi.generate_keyboard_event(code, None, Atspi.KeySynthType.PRESS)
    keysym = KEYSYMS[key] if key in KEYSYMS else ord(key)
    Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    for code in reversed(modifiers):
        Atspi.generate_keyboard_event(code, None, Atspi.KeySynthType.RELEASE)


def _identity(node):
    return None if node is None else (node.get_role_name(), node.get_name(),
                                      node.get_index_in_parent())


def press_moving_focus(app, key, **modifiers):
    """Presses @key and waits for the focus to move, as it does once the key is handled;
    returns the newly focused node, or None if the focus stayed."""
    before = _identity(focused(app))
    press(key, **modifiers)
    return wait_for(lambda: (lambda node: node if _identity(node) != before else None)(
        focused(app)), timeout=5)
