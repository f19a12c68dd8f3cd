"""``hallway serve`` in a real browser: Debian's Chromium at a phone's size, with touch.

Open with the token and the app appears; type a capture on the browser's keyboard and it is
in the database; tap a row and a dialog's button; an export arrives as a download that
parses as vCard; a fifth tab gets a polite page and no process. Screens are read from the
bytes the page's terminal received (see tests/serve/phone.py); a screenshot of the phone is
kept in the test's folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
import vobject

from hallway.store.db import Store
from tests.serve.phone import PIXEL_RATIO, TerminalView
from tests.serve.served import ServedHallway

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

pytestmark = pytest.mark.browser


VCARD_COMMAND = "export: contacts to a vCard file"


def open_hallway(phone: BrowserContext, served: ServedHallway) -> tuple[Page, TerminalView]:
    """A new tab on the printed link, once Hallway's live screen is drawn in it."""
    page = phone.new_page()
    view = TerminalView(page)
    page.goto(served.link)
    view.wait_for("People I met")
    return page, view


def palette_command(view: TerminalView, search: str, command: str) -> None:
    """Tap the footer's palette entry and search it until ``command`` is the only match."""
    view.tap("palette")
    view.wait_for("Search for commands")
    view.type(search)
    view.wait_until(
        lambda screen: (
            f"🔎 {search}" in screen and command in screen and "person: new" not in screen
        ),
        f"the palette lists {command!r} for {search!r}",
    )


def test_the_link_opens_hallway_and_the_token_leaves_the_address_bar(
    phone: BrowserContext, served: ServedHallway, tmp_path: Path
) -> None:
    page = phone.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    view = TerminalView(page)
    page.goto(served.link)
    view.wait_for("People I met")
    for name in ("Maya Chen", "Zoë Ångström", "Tess Ng"):
        view.wait_for(name)
    assert page.url == served.origin + "/"
    assert served.token not in page.url
    assert hosts == {urlsplit(served.origin).netloc}  # nothing but this server, no web fonts
    assert problems == []  # the page's policy blocks nothing it needs
    assert view.screen.columns <= 50  # a phone's width, as in a phone terminal
    # Drawn sharp for the phone's screen: the canvas has a device pixel per screen pixel.
    canvas = page.locator("canvas.xterm-text-layer")
    css_width = canvas.evaluate("c => c.getBoundingClientRect().width")
    assert canvas.evaluate("c => c.width") == pytest.approx(css_width * PIXEL_RATIO, abs=2)
    assert len(served.app_processes()) == 1
    page.screenshot(path=str(tmp_path / "phone.png"))
    assert (tmp_path / "phone.png").stat().st_size > 10_000
    page.go_back()  # the token's address was replaced: back is where the tab started
    assert served.token not in page.url
    served.wait_for_apps(0)  # the tab left Hallway: its app ended


def test_a_capture_typed_on_the_phone_keyboard_is_saved(
    phone: BrowserContext, served: ServedHallway, served_db: Path
) -> None:
    _, view = open_hallway(phone, served)
    view.press("n")
    view.type("Ada Lovelace, mathematician @Analytical Engines #poetry -- loves lace")
    view.press("Enter")
    view.wait_for("Saved Ada Lovelace")
    with Store.open(served_db) as store:
        (ada,) = [e for e in store.encounters() if e.name == "Ada Lovelace"]
    assert ada.role == "mathematician"
    assert ada.org == "Analytical Engines"
    assert ada.topics == ["poetry"]
    assert [note.text for note in ada.notes] == ["loves lace"]


def test_tapping_a_row_and_a_dialog_button(phone: BrowserContext, served: ServedHallway) -> None:
    _, view = open_hallway(phone, served)
    assert "Spotify" not in view.text  # Tess, the newest, is selected
    view.tap("Zoë Ångström")
    view.wait_for("Spotify")  # Zoë's notes pane
    palette_command(view, "vcard", VCARD_COMMAND)
    view.tap(VCARD_COMMAND)
    view.wait_until(
        lambda screen: "hallway-contacts.vcf" in screen and "Cancel" in screen,
        "the download dialog",
    )
    view.tap("Cancel")
    view.wait_until(lambda screen: "hallway-contacts.vcf" not in screen, "the dialog closes")
    view.wait_for("Spotify")


def test_an_export_downloads_a_vcard_to_the_phone(
    phone: BrowserContext, served: ServedHallway, serve_home: Path, tmp_path: Path
) -> None:
    page, view = open_hallway(phone, served)
    windows = len(phone.pages)
    palette_command(view, "vcard", VCARD_COMMAND)
    view.press("Enter")
    view.wait_until(
        lambda screen: "hallway-contacts.vcf" in screen and "Download" in screen,
        "the download dialog",
    )
    with page.expect_download(timeout=20_000) as arrival:
        view.tap("Download")
        view.wait_for("Exported")  # the notice (its text wraps on a phone)
    download = arrival.value
    assert download.suggested_filename == "hallway-contacts.vcf"
    saved = tmp_path / "phone-downloads" / download.suggested_filename
    download.save_as(saved)
    cards = list(vobject.readComponents(saved.read_text(encoding="utf-8")))
    assert [card.fn.value for card in cards] == ["Maya Chen"]
    assert cards[0].version.value == "3.0"
    # Nothing was written on the server's side.
    assert not list(serve_home.rglob("*.vcf"))
    assert len(phone.pages) == windows  # downloaded in the page: no popup a phone would block


def test_a_fifth_tab_gets_a_polite_page_and_no_process(
    phone: BrowserContext, served: ServedHallway
) -> None:
    tabs = [open_hallway(phone, served)[0] for _ in range(4)]
    served.wait_for_apps(4)
    fifth = phone.new_page()
    response = fifth.goto(served.origin + "/")
    assert response is not None and response.status == 503
    assert "already open in 4 tabs" in fifth.inner_text("body")
    assert "Close one of them, then reload" in fifth.inner_text("body")
    assert len(served.app_processes()) == 4
    tabs[0].close()
    served.wait_for_apps(3)
    view = TerminalView(fifth)
    fifth.reload()
    view.wait_for("People I met")
    assert len(served.app_processes()) == 4


def test_without_the_token_the_browser_gets_403_and_no_app(
    phone: BrowserContext, served: ServedHallway
) -> None:
    page = phone.new_page()
    for address in (served.origin + "/", served.origin + "/?token=wrong"):
        response = page.goto(address)
        assert response is not None and response.status == 403
        assert "open the address that hallway serve printed" in page.inner_text("body")
    assert phone.cookies() == []
    assert served.app_processes() == []


def test_a_link_tapped_on_another_site_still_opens_hallway(
    phone: BrowserContext, served: ServedHallway
) -> None:
    """A link in a chat or notes page: a cross-site navigation, which withholds Strict cookies
    from every redirect it follows (so the gate moves on to "/" from the page itself)."""
    page = phone.new_page()
    view = TerminalView(page)
    page.set_content(f'<a id="go" href="{served.link}" style="font-size:40px">Hallway</a>')
    page.tap("#go")
    view.wait_for("People I met")
    assert page.url == served.origin + "/"
    assert [cookie["name"] for cookie in phone.cookies()] == [served.cookie_name]
