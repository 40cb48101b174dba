"""The home page's three journeys: learn, compare the options, prepare for a consultation."""

import re

import pytest

pytestmark = pytest.mark.django_db


def journeys(html):
    return dict(re.findall(r'<a class="journey" href="([^"]*)" data-journey="(\w+)"', html))


@pytest.mark.parametrize(("prefix", "learn_count"), [("", "9 short articles"), ("/ko", "9편")])
def test_home_links_the_three_journeys_in_the_page_language(
    client, real_content, prefix, learn_count
):
    html = client.get(prefix + "/").content.decode()
    assert journeys(html) == {
        "#learning-path": "learn",
        f"{prefix}/options/": "compare",
        f"{prefix}/checklist/": "prepare",
    }
    assert learn_count in html
    # The journeys come before the long list of articles.
    assert html.index('data-journey="prepare"') < html.index('<ol class="learning-path">')


def test_home_needs_no_script(client, db):
    html = client.get("/").content.decode()
    assert "<script" not in html


def test_every_page_has_the_checklist_in_its_header(client, db):
    for path in ["/", "/glossary/", "/about/", "/ko/privacy/"]:
        html = client.get(path).content.decode()
        header = html[html.index('<header class="site-header">') : html.index("</header>")]
        assert 'href="' + ("/ko" if path.startswith("/ko") else "") + '/checklist/"' in header
