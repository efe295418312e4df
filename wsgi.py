"""WSGI entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi run``.

The schema is applied here, at start-up, so a fresh database is usable at once; it is
idempotent, so every worker may do it.
"""
from graph.schema import apply_schema
from recruit import create_app
from recruit.extensions import Graph

app = create_app()
_graph: Graph = app.extensions["graph"]
apply_schema(_graph.driver, _graph.database)
