"""WSGI entry point: ``gunicorn wsgi:app`` or ``flask --app wsgi run``.

Building the app never talks to the database: a worker that boots while Neo4j is down
starts all the same and answers 503 until it is back. The schema is applied once, before
serving, by the run command (``flask init-db --wait``, see scripts/run.sh), which retries
with back-off and can never take a worker down with it.
"""
from recruit import create_app
from recruit.deadline import install_call_deadline

app = create_app()
# Web requests only: a database call that hangs (Neo4j starting) answers 503 in time.
install_call_deadline(app)
