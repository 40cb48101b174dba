"""The articles' admin, by concern: the article and its references (articles.py), the approval
of a never-published article (approval.py), versions and revert (history.py), the glossary
(glossary.py). Drafts of live articles are edited on the review trail's revision pages."""

from . import articles, glossary, translations  # noqa: F401 - registers the admins
