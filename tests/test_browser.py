"""What a person sees: the landing page and an actor page in headless Chromium (Playwright).

The server runs on the real build; the browser is Debian's Chromium (``chromium`` fixture in
conftest.py). A second server on the seed checks that a passage containing ``<script>`` is shown
as text and never runs.
"""

from __future__ import annotations

import pytest

from pactgraph.serve import ServeConfig, serve_in_thread

pytestmark = [pytest.mark.browser, pytest.mark.server]


def test_landing_page_shows_the_dataset_and_leads_to_an_actor(site, page):
    page.goto(site)
    assert page.locator("h1").inner_text() == "Who committed to what in migration policy"
    headings = page.locator("h2").all_inner_texts()
    for expected in ("The dataset", "Downloads", "Works read", "Instruments cited", "Actors",
                     "Questions you can ask"):  # fmt: skip
        assert expected in headings
    assert page.get_by_role("link", name="graph.nt").is_visible()
    page.locator("section[aria-labelledby=actors]").get_by_role("link", name="UNHCR").click()
    page.wait_for_url(site + "actor/unhcr")
    assert page.locator("h1").inner_text() == "UNHCR"
    assert page.errors == []


def test_actor_page_lists_what_refers_to_it_and_links_onwards(site, page):
    page.goto(site + "actor/unhcr")
    assert page.title() == "UNHCR — pactgraph"
    assert "fund or programme" in page.locator("p.types").inner_text().lower()
    assert page.get_by_role("heading", name="Referenced by").is_visible()
    referring = page.locator("section[aria-labelledby=incoming] a[href*='/statement/']").first
    target = referring.get_attribute("href")
    referring.click()
    page.wait_for_url(site + target.lstrip("/"))
    assert page.get_by_role("heading", name="Text").is_visible()
    assert page.locator("blockquote.source-text").first.inner_text().strip()
    assert page.errors == []


def test_example_query_link_shows_answers_as_a_table(site, page):
    page.goto(site)
    page.get_by_role("link", name="Who owns an objective").click()
    page.wait_for_selector("table.results")
    cells = page.locator("table.results td").all_inner_texts()
    assert "actor/unodc" in cells


def test_script_in_a_passage_shows_as_text_and_does_not_run(seed_build, chromium, tmp_path):
    app, _ = serve_in_thread(
        ServeConfig(build=seed_build, port=0, timeout_s=5, store_dir=tmp_path / "store")
    )
    try:
        context = chromium.new_context()
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(app.url + "work/a-res-71-1/provision/14")
        texts = page.locator("blockquote.source-text").all_inner_texts()
        assert any("<script>alert(1)</script>" in text for text in texts)
        assert dialogs == []
        context.close()
    finally:
        app.stop()
