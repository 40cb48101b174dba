"""The generic file <-> database engine behind ``sync_content`` and ``export_content``.

Content apps register a ``ContentSource`` (how to read, sync and export their files) in their
``AppConfig.ready``; this app knows no content model. ``files`` reads YAML safely and reports
problems with file and line; ``engine`` runs every source in one all-or-nothing transaction
under the never-lose-an-edit rule.
"""
