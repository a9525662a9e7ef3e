#!/usr/bin/python3
"""The Flatpak manifest, checked as far as this machine can without the runtime, and the
program run in a sandbox made like Flatpak's.

  test-flatpak.py SOURCE_ROOT BUILD_ROOT

The manifest: flatpak-builder parses it (--show-manifest), its app ID is meson's, the
desktop file's and the metainfo's, and its finish-args are exactly what the app needs.
The sandbox: bubblewrap with new PID, mount and user namespaces, the host's network
namespace (as --share=network gives), the system read-only and no home. In it, --json
must see a real loopback connection made outside, and the window must open and draw.
"""
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mci_checks import check, exit_status  # noqa: E402

source, build = sys.argv[1], sys.argv[2]
app_id = "io.github.mostconnectedip.MostConnectedIp"
manifest_path = os.path.join(source, "flatpak", app_id + ".json")


def check_manifest():
    shown = subprocess.run(["flatpak-builder", "--show-manifest", manifest_path],
                           check=True, capture_output=True, text=True).stdout
    manifest = json.loads(shown)
    check(manifest["id"] == app_id, "the manifest's id is " + app_id)
    check(manifest["runtime"] == "org.gnome.Platform" and manifest["sdk"] == "org.gnome.Sdk",
          "GNOME runtime and SDK")
    check(manifest["command"] == "most-connected-ip", "the command is the binary")
    check(sorted(manifest["finish-args"]) == sorted([
        "--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11",
        "--device=dri"]), "finish-args are exactly network, ipc, wayland, fallback-x11, dri")
    check(not any(a.startswith("--filesystem") for a in manifest["finish-args"]),
          "no filesystem access")
    module = manifest["modules"][-1]
    check(module["buildsystem"] == "meson" and module["sources"][0]["type"] == "dir",
          "the app module builds the local tree with meson")
    with open(os.path.join(source, "meson.build")) as f:
        check("app_id = '%s'" % app_id in f.read(), "meson's app_id matches")
    with open(os.path.join(source, "data", app_id + ".desktop.in")) as f:
        check("Icon=%s\n" % app_id in f.read(), "the desktop file's icon is the app ID")
    with open(os.path.join(source, "data", app_id + ".metainfo.xml.in")) as f:
        text = f.read()
        check("<id>%s</id>" % app_id in text and "<launchable type=\"desktop-id\">%s.desktop<"
              % app_id in text, "the metainfo's id and launchable match")


def sandbox(command, extra=()):
    """bwrap as Flatpak runs an app: only the network namespace is the host's."""
    args = ["bwrap", "--unshare-pid", "--unshare-user-try", "--unshare-ipc", "--unshare-uts",
            "--die-with-parent", "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc",
            "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
            "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", "/run",
            "--ro-bind", build, build, "--ro-bind", source, source,
            "--setenv", "HOME", "/tmp", "--chdir", "/tmp"]
    return subprocess.run(args + list(extra) + ["--"] + command,
                          capture_output=True, text=True, timeout=60)


def check_json_in_sandbox():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    server, _ = listener.accept()
    result = sandbox([os.path.join(build, "src", "most-connected-ip"), "--json", "-n"])
    check(result.returncode == 0, "--json runs in the sandbox (" + result.stderr.strip() + ")")
    if result.returncode == 0:
        report = json.loads(result.stdout)
        looping = [s for s in report["sections"] if s["kind"] == "looping"][0]
        found = [g for g in looping["groups"] if g["remote_port"] == port]
        check(len(found) == 1 and found[0]["count"] == 1,
              "the sandbox sees the host's loopback connection to port %d" % port)
    # in its own PID namespace it sees bwrap, the shell and what the shell runs: no more
    host = len([p for p in os.listdir("/proc") if p.isdigit()])
    pids = sandbox(["/bin/sh", "-c", "ls /proc | grep -c '^[0-9]'"])
    seen = int(pids.stdout.strip() or 0)
    check(pids.returncode == 0 and seen <= 5 < host,
          "the sandbox has its own PID namespace (%d processes seen, %d outside)" % (seen, host))
    for s in (client, server, listener):
        s.close()


def check_window_in_sandbox():
    """The window opens and draws, on the X server and bus the test was given."""
    display = os.environ.get("DISPLAY", "")
    bus = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "")
    if not display:
        check(False, "a display to open the window on (run through gui-wrapper.sh)")
        return
    out = tempfile.mkdtemp()
    extra = ["--bind", out, out, "--ro-bind", "/tmp/.X11-unix", "/tmp/.X11-unix",
             "--setenv", "DISPLAY", display, "--setenv", "GDK_BACKEND", "x11"]
    if bus.startswith("unix:path="):
        path = bus[len("unix:path="):].split(",")[0]
        extra += ["--ro-bind", path, path, "--setenv", "DBUS_SESSION_BUS_ADDRESS", bus]
    # Flatpak hands the app a proxy of the accessibility bus; this sandbox has none
    extra += ["--setenv", "GTK_A11Y", "none"]
    for name in ("GSETTINGS_BACKEND", "GSETTINGS_SCHEMA_DIR", "GDK_DEBUG", "LC_ALL"):
        if name in os.environ:
            extra += ["--setenv", name, os.environ[name]]
    png = os.path.join(out, "sandboxed.png")
    result = sandbox([os.path.join(build, "tests", "mci-screenshot"), "/proc/net", png], extra)
    check(result.returncode == 0 and os.path.getsize(png) > 10000,
          "the window opens and draws the live connections in the sandbox"
          + ("" if result.returncode == 0 else " (exit %d)" % result.returncode))
    if result.returncode != 0:
        print(result.stderr)
    shutil.rmtree(out)


check_manifest()
check_json_in_sandbox()
check_window_in_sandbox()
sys.exit(exit_status())
