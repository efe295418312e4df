"""The hiring loop: applying and following one's applications (``applications``), a
job's pipeline board (``board``), candidates by fit, shortlists and "not interested"
(``workspace``). Mirrors ``recruit/hiring/``."""
from . import applications, board, workspace

BLUEPRINTS = (applications.blp, board.blp, workspace.blp)
