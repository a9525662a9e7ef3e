"""How the Python tests report: one line per check, "ok: …" or "FAILED: …", and an exit
status that fails if any check did. meson reads the status; a person reads the lines.

The tests run from the source tree (tests/meson.build names their paths there) and put
this folder on sys.path to import it.
"""
failures = []


def check(condition, what):
    print(("ok: " if condition else "FAILED: ") + what, flush=True)
    if not condition:
        failures.append(what)


def exit_status():
    return 1 if failures else 0
