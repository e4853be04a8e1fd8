"""Desktop test fixture: a GTK 3 customer form (text fields, a password, a combo, a check box,
buttons, a menu) that the recorder's desktop tests drive under Xvfb with xdotool.

Run with the system python3 (python3-gi). Prints ``READY`` on stdout once the window is mapped
and the submitted values (never the password) on ``Save``.
"""

from __future__ import annotations

import sys

import gi

gi.require_version("Gtk", "3.0")
from gi.repository import GLib, Gtk  # noqa: E402


def build_window() -> Gtk.Window:
    """The form window, placed at a fixed position so tests can click by coordinates."""
    window = Gtk.Window(title="Customer Form")
    window.set_default_size(420, 320)
    window.move(0, 0)
    window.connect("destroy", Gtk.main_quit)
    box = Gtk.Box(orientation=Gtk.Orientation.VERTICAL, spacing=6)
    window.add(box)

    menubar = Gtk.MenuBar()
    file_item = Gtk.MenuItem(label="File")
    file_menu = Gtk.Menu()
    for label in ("New", "Open", "Quit"):
        item = Gtk.MenuItem(label=label)
        if label == "Quit":
            item.connect("activate", lambda *_: Gtk.main_quit())
        file_menu.append(item)
    file_item.set_submenu(file_menu)
    menubar.append(file_item)
    box.pack_start(menubar, False, False, 0)

    grid = Gtk.Grid(row_spacing=6, column_spacing=6)
    box.pack_start(grid, False, False, 0)
    fields: dict[str, Gtk.Entry] = {}
    for row, label in enumerate(("Name", "Email", "Password")):
        caption = Gtk.Label(label=label)
        entry = Gtk.Entry()
        entry.set_name(label.lower())
        entry.get_accessible().set_name(label)
        if label == "Password":
            entry.set_visibility(False)
        grid.attach(caption, 0, row, 1, 1)
        grid.attach(entry, 1, row, 1, 1)
        fields[label] = entry

    combo = Gtk.ComboBoxText()
    for country in ("France", "Germany", "Spain"):
        combo.append_text(country)
    combo.set_active(0)
    combo.get_accessible().set_name("Country")
    grid.attach(Gtk.Label(label="Country"), 0, 3, 1, 1)
    grid.attach(combo, 1, 3, 1, 1)

    check = Gtk.CheckButton(label="Subscribe")
    grid.attach(check, 1, 4, 1, 1)

    buttons = Gtk.Box(spacing=6)
    save = Gtk.Button(label="Save")
    clear = Gtk.Button(label="Clear")

    def on_save(_button: Gtk.Button) -> None:
        print(
            f"SAVED name={fields['Name'].get_text()} email={fields['Email'].get_text()}", flush=True
        )

    def on_clear(_button: Gtk.Button) -> None:
        for entry in fields.values():
            entry.set_text("")

    save.connect("clicked", on_save)
    clear.connect("clicked", on_clear)
    buttons.pack_start(save, False, False, 0)
    buttons.pack_start(clear, False, False, 0)
    box.pack_start(buttons, False, False, 0)
    return window


def main() -> int:
    GLib.set_prgname("form-app")
    window = build_window()
    window.connect("map-event", lambda *_: print("READY", flush=True))
    window.show_all()
    Gtk.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
