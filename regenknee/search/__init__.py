"""Site search, for every kind of content and every language, with no search service to run.

Content apps say what they contribute in their ``AppConfig.ready`` with
``regenknee.search.registry.register``; this app imports no content app. Their items are kept in
one small index table (``SearchEntry``), rebuilt for an item when it changes and in full by
``manage.py rebuild_search_index``, and queried with FTS5 on SQLite and full-text search on
PostgreSQL (``backends.py``). What a patient types is never stored, logged or cached.
"""
