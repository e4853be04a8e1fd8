"""Desktop test fixture: a second GTK 3 app ("Notes", a multi-line text view and a Copy button)
to switch to from the form app. Run with the venv python (gi from Debian). Prints ``READY``."""

from __future__ import annotations

import sys

import gi

gi.require_version("Gtk", "3.0")
from gi.repository import GLib, Gtk  # noqa: E402


def build_window() -> Gtk.Window:
    """The notes window, at a fixed position right of the form app."""
    window = Gtk.Window(title="Notes")
    window.set_default_size(360, 300)
    window.move(500, 0)
    window.connect("destroy", Gtk.main_quit)
    box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL, spacing=6)
    window.add(box)
    view = Gtk.TextView()
    view.get_accessible().set_name("Note text")
    view.get_buffer().set_text("Invoice INV-2041 from ACME")
    view.set_size_request(360, 240)
    box.pack_start(view, True, True, 0)
    done = Gtk.Button(label="Done")
    box.pack_start(done, False, False, 0)
    return window


def main() -> int:
    GLib.set_prgname("notes-app")
    window = build_window()
    window.connect("map-event", lambda *_: print("READY", flush=True))
    window.show_all()
    Gtk.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
