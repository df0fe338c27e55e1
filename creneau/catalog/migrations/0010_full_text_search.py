"""PostgreSQL only: full-text search over the salons' search text, French stemming with
unaccent, and a trigram index over the search vocabulary for typos.

`creneau_french` is French stemming without French stop words: a salon's words are names and
services, where "de" or "la" may be what was typed, and a query made only of stop words would
otherwise match nothing. On SQLite nothing is done: the search there keeps the folded-word
match (catalog.search_match).
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

FORWARD_SQL = [
    "CREATE TEXT SEARCH DICTIONARY creneau_french_stem (TEMPLATE = snowball, Language = french)",
    "CREATE TEXT SEARCH CONFIGURATION creneau_french (COPY = french)",
    "ALTER TEXT SEARCH CONFIGURATION creneau_french ALTER MAPPING FOR "
    "asciiword, asciihword, hword_asciipart, word, hword, hword_part "
    "WITH unaccent, creneau_french_stem",
    # The expression must stay exactly the one catalog.search_match writes, or the planner
    # will not use the index.
    "CREATE INDEX catalog_bus_search_fts_idx ON catalog_business "
    "USING gin (to_tsvector('creneau_french'::regconfig, search_text)) WHERE is_active",
    "CREATE INDEX catalog_searchterm_trgm_idx ON catalog_searchterm "
    "USING gin (term gin_trgm_ops)",
]
REVERSE_SQL = [
    "DROP INDEX IF EXISTS catalog_searchterm_trgm_idx",
    "DROP INDEX IF EXISTS catalog_bus_search_fts_idx",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS creneau_french",
    "DROP TEXT SEARCH DICTIONARY IF EXISTS creneau_french_stem",
]


def _run(schema_editor, statements):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in statements:
        schema_editor.execute(statement)


def forward(apps, schema_editor):
    _run(schema_editor, FORWARD_SQL)


def reverse(apps, schema_editor):
    _run(schema_editor, REVERSE_SQL)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0009_public_pages_version"),
    ]

    operations = [
        # Both skip themselves on other databases.
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunPython(forward, reverse),
    ]
