#!/usr/bin/python3
"""Opens a callgrind file in KCachegrind and prints what its window shows, as JSON.

KCachegrind has no batch mode, so its numbers are read from its window through the desktop's
accessibility interface (AT-SPI, as a screen reader reads it): the status bar's total and
every row of the Flat Profile (Incl., Self, Called, Function, Location), in absolute costs.
Run it inside an X server and a D-Bus session:

    xvfb-run -a dbus-run-session -- /usr/bin/python3 kcachegrind-flat.py FILE

It starts KCachegrind (with a configuration of its own in a temporary folder: absolute costs,
no cycle grouping, every function listed, names never shortened, no tip of the day) and the
accessibility bus, waits for the file to load, prints {"status": ..., "rows": [...], "log": ...}
on its last line of stdout and closes KCachegrind. Exit code 1 if the window never showed the
file.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

pyatspi = None  # imported once the accessibility bus runs: it looks for the bus when imported

COLUMNS = ["incl", "self", "called", "function", "location"]
CONFIG = """[GeneralSettings]
ShowPercentage=false
ShowCycles=false
MaxListCount=100000
MaxSymbolLength=1000

[TipOfDay]
RunOnStart=false
"""


def main(path: str) -> int:
    home = tempfile.mkdtemp(prefix="hotpath-kcachegrind-")
    os.makedirs(os.path.join(home, "config"))
    with open(os.path.join(home, "config", "kcachegrindrc"), "w") as f:
        f.write(CONFIG)
    env = dict(
        os.environ,
        HOME=home,
        XDG_CONFIG_HOME=os.path.join(home, "config"),
        XDG_RUNTIME_DIR=home,
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        QT_ACCESSIBILITY="1",
    )
    os.environ.update(env)
    log = open(os.path.join(home, "kcachegrind.log"), "w+")
    app = bus = None
    try:
        # Qt's accessibility bridge connects when it sees the accessibility bus appear on the
        # session bus; a bus that is already there when it starts is missed now and then
        # ("Not connected to D-Bus server"), so KCachegrind starts first.
        app = subprocess.Popen(["kcachegrind", path], env=env, stdout=log, stderr=subprocess.STDOUT)
        time.sleep(1.5)
        bus = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"], env=env)
        time.sleep(0.5)
        global pyatspi
        import pyatspi

        shown = read_window(path, deadline=time.time() + 20)
        log.seek(0)
        if shown is None:
            print(json.dumps({"error": "KCachegrind never showed the file", "log": log.read()}))
            return 1
        shown["log"] = log.read()
        print(json.dumps(shown))
        return 0
    finally:
        for process in (app, bus):
            if process is not None:
                process.terminate()
                try:
                    process.wait(5)
                except subprocess.TimeoutExpired:
                    process.kill()


def read_window(path: str, deadline: float):
    """The status bar and the flat profile, once both show the loaded file; None at the deadline."""
    while time.time() < deadline:
        window = find_window(path)
        if window is not None:
            status = find(window, lambda n: n.getRoleName() == "label" and "Cost:" in (n.name or ""))
            flat = find(window, lambda n: n.getRoleName() == "frame" and n.name == "Flat Profile")
            table = flat and find(flat, lambda n: n.getRoleName() == "tree" and header(n) == ["Incl.", "Self", "Called", "Function", "Location"])
            rows = table and rows_of(table)
            if status is not None and rows:
                return {"status": status.name, "rows": rows}
        time.sleep(0.25)
    return None


def find_window(path: str):
    """KCachegrind's main window once it shows `path` (its title starts with the path as given)."""
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is None or app.name != "kcachegrind":
            continue
        for j in range(app.childCount):
            window = app.getChildAtIndex(j)
            if window is not None and (window.name or "").startswith(path + " "):
                return window
    return None


def find(node, predicate):
    """The first node below `node` (itself included), depth first, for which `predicate` holds."""
    try:
        if predicate(node):
            return node
        children = [node.getChildAtIndex(i) for i in range(node.childCount)]
    except Exception:  # a node that went away while the window was being built
        return None
    for child in children:
        found = child is not None and find(child, predicate)
        if found:
            return found
    return None


def header(table):
    return [c.name for c in children(table) if c.getRoleName() == "table column header"]


def rows_of(table):
    cells = [c.name for c in children(table) if c.getRoleName() == "table cell"]
    width = len(COLUMNS)
    return [dict(zip(COLUMNS, cells[i : i + width])) for i in range(0, len(cells) - width + 1, width)]


def children(node):
    return [c for c in (node.getChildAtIndex(i) for i in range(node.childCount)) if c is not None]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
