"""Schema revisions, known without importing Alembic or SQLAlchemy (start-up reads these)."""

# In order; the last is the head. A test checks this against Alembic's own script directory.
REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008")
HEAD = REVISIONS[-1]
