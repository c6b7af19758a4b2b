"""An AT-SPI client (the tree Orca reads): walk every wizard page and report what it exposes.

Runs under Debian's system python3 with python3-gi and gir1.2-atspi-2.0, not in the venv.
Usage: atspi_client.py APP_NAME NEXT_NAMES JUMP_LIST_NAME → one JSON object per page on
stdout, then {"done": true}. On a page with a jump list it presses the list's last link and
reports what has the focus then; it presses Next through AT-SPI's action interface, as a
screen-reader user would, and waits for the page title to change.
"""

from __future__ import annotations

import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

FOCUSABLE = Atspi.StateType.FOCUSABLE
SHOWING = Atspi.StateType.SHOWING
FOCUSED = Atspi.StateType.FOCUSED


def find_app(name: str, seconds: float = 30) -> Atspi.Accessible:
    """The application called `name` on the accessibility bus."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        desktop = Atspi.get_desktop(0)
        for index in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(index)
            if app is not None and app.get_name() == name and app.get_child_count():
                return app
        time.sleep(0.2)
    raise SystemExit(f"{name} did not appear on the accessibility bus")


def walk(node: Atspi.Accessible, out: list[Atspi.Accessible]) -> list[Atspi.Accessible]:
    """Every showing object under `node`, depth first (the order a screen reader reads)."""
    out.append(node)
    for index in range(min(node.get_child_count(), 2000)):
        child = node.get_child_at_index(index)
        if child is not None and child.get_state_set().contains(SHOWING):
            walk(child, out)
    return out


def window_of(app: Atspi.Accessible) -> Atspi.Accessible:
    """The wizard's top-level window."""
    for index in range(app.get_child_count()):
        child = app.get_child_at_index(index)
        if child is not None and child.get_state_set().contains(SHOWING):
            return child
    raise SystemExit("no window is showing")


def describe(window: Atspi.Accessible) -> dict[str, object]:
    """What a screen reader finds on the page now on screen."""
    nodes = walk(window, [])
    focusable = [n for n in nodes if n.get_state_set().contains(FOCUSABLE)]
    unnamed = [n.get_role_name() for n in focusable if not (n.get_name() or "").strip()]
    radios = [
        {
            "name": n.get_name(),
            "description": n.get_description(),
            "group": n.get_parent().get_name() if n.get_parent() else "",
        }
        for n in nodes
        if n.get_role() == Atspi.Role.RADIO_BUTTON
    ]
    return {
        "title": window.get_name(),
        "locale": window.get_object_locale(),
        "locales": sorted({n.get_object_locale() for n in nodes}),
        "objects": len(nodes),
        "focusable": len(focusable),
        "unnamed": unnamed,
        "headings": [n.get_name() for n in nodes if n.get_role() == Atspi.Role.HEADING],
        "radios": radios,
        "next_description": next((n.get_description() for n in nodes if _is_next(n)), None),
    }


def _is_next(node: Atspi.Accessible) -> bool:
    return node.get_role() == Atspi.Role.PUSH_BUTTON and node.get_name() in NEXT_NAMES


NEXT_NAMES: set[str] = set()


def jump(window: Atspi.Accessible, list_name: str) -> dict[str, object] | None:
    """Press the last link of the page's jump list; report the links and what got the focus."""
    nodes = walk(window, [])
    lists = [n for n in nodes if n.get_name() == list_name and n.get_role() != Atspi.Role.HEADING]
    if not lists:
        return None
    links = [n for n in walk(lists[0], []) if n.get_role() == Atspi.Role.PUSH_BUTTON]
    report: dict[str, object] = {"links": [n.get_name() for n in links]}
    if not links:
        return report
    press(links[-1])
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        focused = [n for n in walk(window, []) if n.get_state_set().contains(FOCUSED)]
        if focused and focused[0].get_name() == links[-1].get_name():
            break
        time.sleep(0.1)
    report["focused"] = [{"role": n.get_role_name(), "name": n.get_name()} for n in focused]
    return report


def press(node: Atspi.Accessible) -> None:
    """Press a button through its AT-SPI action, as a screen reader does."""
    action = node.get_action_iface()
    for index in range(action.get_n_actions()):
        if action.get_action_name(index) in {"Press", "press", "click"}:
            action.do_action(index)
            return
    action.do_action(0)


def main() -> int:
    """Report every page, pressing Next until there is no enabled Next."""
    app_name = sys.argv[1]
    NEXT_NAMES.update(sys.argv[2].split("|"))
    jump_list_name = sys.argv[3]
    app = find_app(app_name)
    seen: set[str] = set()
    for _ in range(30):
        window = window_of(app)
        page = describe(window)
        page["jump"] = jump(window, jump_list_name)
        print(json.dumps(page, ensure_ascii=False), flush=True)
        seen.add(str(page["title"]))
        nexts = [
            n
            for n in walk(window, [])
            if _is_next(n) and n.get_state_set().contains(Atspi.StateType.ENABLED)
        ]
        if not nexts:
            break
        before = window.get_name()
        press(nexts[0])
        deadline = time.monotonic() + 10
        while window_of(app).get_name() == before and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.3)
    print(json.dumps({"done": True, "pages": len(seen)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
