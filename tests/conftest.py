import shutil
import textwrap
from pathlib import Path

import pytest
from django.core.management import call_command

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def empty_cache():
    """The page cache and django-axes live in Django's cache, which outlives each test's
    database rollback: start every test with it empty, so no page from another test is served."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def english_outside_requests():
    """LocaleMiddleware activates a request's language in the thread and leaves it there: start
    every test in the default language, so a URL reversed after a /ko/ request is not Korean."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(scope="session", autouse=True)
def collected_static(tmp_path_factory):
    """Production settings serve hashed static files from a manifest, so collect them once."""
    from django.conf import settings

    settings.STATIC_ROOT = tmp_path_factory.mktemp("staticfiles")
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


ARTICLE_TEMPLATE = """\
---
title: {title}
slug: {slug}
summary: {summary}
position: {position}
status: {status}
publish_at:
reviewed_on:
review_due: 2027-05-21
reviewed_by: ""
references:
  - key: dominici2006
    authors: Dominici M, Le Blanc K, Mueller I, et al.
    title: Minimal criteria for defining multipotent mesenchymal stromal cells
    source: Cytotherapy 2006;8(4):315-317
    year: 2006
    doi: 10.1080/14653240600855905
---

## What an MSC is

An MSC is a cell from bone marrow or fat [@dominici2006].
{extra}"""


def article_text(
    slug="first-article",
    title="First article",
    position=1,
    status="published",
    summary="A short summary.",
    extra="",
):
    return ARTICLE_TEMPLATE.format(
        slug=slug, title=title, position=position, status=status, summary=summary, extra=extra
    )


GLOSSARY_TEXT = textwrap.dedent(
    """\
    - term: Mesenchymal stromal cell
      slug: mesenchymal-stromal-cell
      aliases: [MSC, MSCs]
      definition: A cell from bone marrow or fat that can copy itself.
    - term: Cartilage
      slug: cartilage
      definition: The smooth, firm tissue that covers the ends of bones in a joint.
    """
)


@pytest.fixture
def content_dir(tmp_path):
    """A small content folder: two articles and a glossary."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "01-first-article.md").write_text(article_text())
    (tmp_path / "articles" / "02-second-article.md").write_text(
        article_text(slug="second-article", title="Second article", position=2)
    )
    (tmp_path / "glossary.yaml").write_text(GLOSSARY_TEXT)
    return tmp_path


@pytest.fixture
def synced(db, content_dir):
    from regenknee.sync.engine import sync_content

    sync_content(content_dir)
    return content_dir


@pytest.fixture
def real_content(db):
    """The repository's own content/, synced."""
    from regenknee.sync.engine import sync_content

    return sync_content(REPO / "content")


@pytest.fixture
def copy_of_real_content(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(REPO / "content", target)
    return target


# --- a Korean translation beside the small content folder ---------------------------------

KO_ARTICLE = """\
---
translation_of: {slug}
source_hash: {source_hash}
title: 첫 번째 글
summary: 짧은 요약입니다.
status: published
reviewed_on:
review_due:
reviewed_by: ""
---

## 중간엽줄기세포란

중간엽줄기세포는 골수나 지방에서 얻는 세포입니다 [@dominici2006]. 연골은 천천히 낫습니다.
"""

KO_GLOSSARY = textwrap.dedent(
    """\
    - slug: cartilage
      source_hash: {source_hash}
      term: 연골
      aliases: [관절연골]
      definition: 관절에서 뼈의 끝을 덮고 있는 매끄럽고 단단한 조직입니다.
    """
)


def english_hash(path):
    from regenknee.articles.content import parse_article
    from regenknee.articles.translations import english_article_fingerprint

    return english_article_fingerprint(parse_article(path.read_text(), "x"))


def cartilage_hash(content_dir):
    from regenknee.articles.content import read_glossary
    from regenknee.editorial.translation import fields_hash

    record = next(r for _, r in read_glossary(content_dir) if r["slug"] == "cartilage")
    return fields_hash({name: record[name] for name in ("term", "aliases", "definition")})


@pytest.fixture
def ko_content(content_dir):
    (content_dir / "ko" / "articles").mkdir(parents=True)
    source = content_dir / "articles" / "01-first-article.md"
    (content_dir / "ko" / "articles" / "01-first-article.md").write_text(
        KO_ARTICLE.format(slug="first-article", source_hash=english_hash(source))
    )
    (content_dir / "ko" / "glossary.yaml").write_text(
        KO_GLOSSARY.format(source_hash=cartilage_hash(content_dir))
    )
    return content_dir
