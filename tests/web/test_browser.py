"""Every page in real headless Chromium: it renders, draws its charts, stays on 127.0.0.1."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_paste_page_round_trips_the_seed_article(visit, seed_text: str):
    visit.open("/paste")
    page = visit.page
    page.fill("textarea[name=text]", seed_text)
    page.fill("input[name=published]", "2018-05-24")
    page.fill("input[name=title]", "How Kim Jong Un 'Baited' Trump")
    page.click("button[type=submit]")
    page.wait_for_selector("#paste-status[data-done=true]", timeout=120_000)
    reader = page.locator("#paste-result [data-reader]")
    assert reader.locator("[data-text]").inner_text() == seed_text.replace("\r\n", "\n")
    assert reader.locator("mark.k-quote").count() > 0
    assert reader.locator("mark.k-speaker").count() > 0
    assert reader.locator("mark.k-trigger").count() > 0
    assert reader.locator("mark.k-time").count() > 0
    assert "Vipin Narang" in reader.locator("[data-list=quotes]").inner_text()
    visit.screenshot("paste-seed")
    assert visit.outside_requests() == []
    assert visit.errors == []
