# Tampered drafts in the plan builder: a saved draft is only data. Prototype keys are dropped, the shape and size are
# checked, and a huge draft is refused quickly. In: the real site, drafts written straight into localStorage.
from __future__ import annotations

import json
import time

import pytest

from tests.test_plan_builder import open_builder

pytestmark = pytest.mark.browser
KEY = "sen-plan-builder-draft"


def with_draft(browser, site_url, draft: str):
    page, errors = open_builder(browser, site_url)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, draft])
    start = time.monotonic()
    page.reload(wait_until="domcontentloaded")
    page.wait_for_selector("#pb-form", state="visible", timeout=10_000)
    return page, errors, time.monotonic() - start


def test_proto_keys_in_a_draft_pollute_nothing(browser, site_url):
    draft = ('{"name": "Ali", "provision": {"__proto__": {"on": true, "often": "polluted"}, '
             '"constructor": {"on": true, "prototype": {"often": "x"}}, "prototype": {"on": true}}, '
             '"__proto__": {"polluted": "yes"}, "outcomes": [{"text": "Reads", "__proto__": {"measure": "bad"}}]}')
    page, errors, _ = with_draft(browser, site_url, draft)
    assert page.evaluate("({}).on === undefined && ({}).often === undefined && ({}).polluted === undefined "
                         "&& Object.on === undefined && Object.prototype.often === undefined")
    assert page.input_value("#pb-name") == "Ali" and page.input_value("#pb-o-1-text") == "Reads"
    assert page.input_value("#pb-o-1-measure") == ""
    assert errors == []
    page.evaluate(f"localStorage.removeItem('{KEY}')")
    page.close()


@pytest.mark.parametrize("draft", [
    json.dumps({"name": "Big", "outcomes": [{"text": f"Outcome {i}", "measure": "m", "by": ""} for i in range(5000)]}),
    json.dumps({"name": "x" * 3_000_000}),
    json.dumps({"name": ["not", "text"], "needs": "autism", "provision": [1, 2], "outcomes": {"a": 1}}),
    json.dumps([1, 2, 3]),
    "not json at all {",
])
def test_oversized_or_misshapen_drafts_are_refused_quickly(browser, site_url, draft):
    page, errors, seconds = with_draft(browser, site_url, draft)
    assert seconds < 8
    status = page.inner_text("#pb-save-status")
    assert "could not be opened" in status
    assert page.locator(".pb-outcome").count() == 1 and page.input_value("#pb-name") == ""
    assert errors == []
    page.evaluate(f"localStorage.removeItem('{KEY}')")
    page.close()
