"""Every page in real headless Chromium: it renders, draws its charts, stays on 127.0.0.1."""

from __future__ import annotations

import httpx
import pytest

from tidings.interfaces.web.browser import dashboard_paths

pytestmark = pytest.mark.browser

# page name → charts it draws
PAGES = {
    "overview": 2,
    "events": 1,
    "event": 0,
    "dyads": 0,
    "dyad": 1,
    "actors": 1,
    "actor": 2,
    "quotes": 1,
    "articles": 0,
    "article": 0,
    "paste": 0,
}


@pytest.fixture(scope="session")
def page_paths(client: httpx.Client) -> dict[str, str]:
    return dashboard_paths(client)


@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_offline_with_its_charts(visit, page_paths: dict[str, str], name: str):
    visit.open(page_paths[name])
    page = visit.page
    assert page.locator("h1").inner_text().strip()
    charts = PAGES[name]
    if charts:
        page.wait_for_function(
            f"document.querySelectorAll('[data-rendered=true]').length === {charts}",
            timeout=10_000,
        )
        # Plotly drew real marks (bars or lines), not an empty frame.
        assert page.locator(".chart .main-svg .trace").count() >= charts
    visit.screenshot(name)
    assert visit.outside_requests() == []
    assert visit.errors == []


def test_article_reader_highlights_quotes_speakers_events_and_times(visit, seed_text: str):
    visit.open("/articles/seed#e0")
    reader = visit.page.locator("[data-reader]")
    assert reader.locator("[data-text]").inner_text() == seed_text.replace("\r\n", "\n")
    for kind in ("quote", "speaker", "cue", "trigger", "time"):
        assert reader.locator(f"mark.k-{kind}").count() > 0, kind
    assert "Vipin Narang" in reader.locator("[data-list=quotes]").inner_text()
    # The anchor focused the first event's trigger.
    assert reader.locator("mark.focus.k-trigger").count() == 1
    assert visit.outside_requests() == []


def test_event_rows_lead_to_the_sentence_in_their_article(visit, page_paths: dict[str, str]):
    visit.open(page_paths["dyad"])
    link = visit.page.locator("table.events a", has_text="article").first
    evidence = link.locator("xpath=..").locator("b").inner_text()
    link.click()
    visit.page.wait_for_selector("mark.focus")
    assert evidence in visit.page.locator("mark.focus.k-trigger").first.inner_text()
    assert visit.outside_requests() == []


def test_events_filter_form_narrows_the_table(visit):
    visit.open("/events")
    before = visit.page.locator(".pager span").first.inner_text()
    visit.page.select_option("select[name=quad]", "1")
    visit.page.click("form.filters button")
    visit.page.wait_for_load_state("networkidle")
    assert "quad=1" in visit.page.url and "actor=" not in visit.page.url
    after = visit.page.locator(".pager span").first.inner_text()
    assert int(after.split(" of ")[1]) < int(before.split(" of ")[1])
    badges = visit.page.locator("table.events .quad").all_inner_texts()
    assert badges and set(badges) == {"Verbal cooperation"}


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
    for kind in ("quote", "speaker", "trigger", "time"):
        assert reader.locator(f"mark.k-{kind}").count() > 0, kind
    assert "Vipin Narang" in reader.locator("[data-list=quotes]").inner_text()
    visit.screenshot("paste-seed")
    assert visit.outside_requests() == []
    assert visit.errors == []


def test_paste_page_shows_why_input_was_refused(visit):
    visit.open("/paste")
    visit.page.fill("textarea[name=text]", "   ")
    visit.page.evaluate("document.querySelector('textarea').removeAttribute('required')")
    visit.page.click("button[type=submit]")
    visit.page.wait_for_function(
        "document.getElementById('paste-status').textContent.includes('422')"
    )
    assert "text is empty" in visit.page.locator("#paste-status").inner_text()


def test_api_docs_work_offline(visit):
    visit.open("/docs")
    visit.page.wait_for_selector(".swagger-ui .opblock-summary-path")
    paths = visit.page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/analyse" in paths and "/api/events" in paths
    visit.screenshot("api-docs")
    assert visit.outside_requests() == []
