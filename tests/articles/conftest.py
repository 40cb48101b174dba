"""A small content folder with a Korean translation beside the English sources."""

import textwrap

import pytest

from regenknee.editorial.translation import fields_hash

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

    record = parse_article(path.read_text(), "x")
    return fields_hash({name: record[name] for name in ("title", "summary", "body")})


def cartilage_hash(content_dir):
    from regenknee.articles.content import read_glossary

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
