"""The parser version recorded with every document (documents.parser_version).

A module of its own so its readers (the comparison's staleness guard, run by `compare`) need
not import the writer and SQLAlchemy. Raise it whenever a parser change alters the facts of
documents already loaded: stored comparison cells are then rebuilt.
"""

PARSER_VERSION = "0.1.0"
