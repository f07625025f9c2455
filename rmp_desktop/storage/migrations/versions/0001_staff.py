"""Staff and the store's own facts; folded-name search through FTS5 (SQLite) or full-text
search over the same folded text (PostgreSQL).

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("preferred_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("job_title", sa.String(200), nullable=False, server_default=""),
        sa.Column("band", sa.String(4), nullable=False),
        sa.Column("functional_area", sa.String(40), nullable=False),
        sa.Column("line_manager_id", sa.Integer, sa.ForeignKey("staff.id", ondelete="SET NULL")),
        sa.Column("start_date", sa.Date),
        sa.Column("email", sa.String(254), nullable=False, server_default=""),
        sa.Column("assignment_number", sa.String(20), unique=True),
        sa.Column("archived", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("search_text", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        from rmp_desktop.storage.dialect import PG_SEARCH_INDEX

        op.execute(PG_SEARCH_INDEX)
        return
    # External-content FTS5 index over the folded text; triggers keep it in step.
    op.execute(
        "CREATE VIRTUAL TABLE staff_fts USING fts5(search_text, content='staff', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER staff_fts_insert AFTER INSERT ON staff BEGIN "
        "INSERT INTO staff_fts(rowid, search_text) VALUES (new.id, new.search_text); END"
    )
    op.execute(
        "CREATE TRIGGER staff_fts_delete AFTER DELETE ON staff BEGIN "
        "INSERT INTO staff_fts(staff_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END"
    )
    op.execute(
        "CREATE TRIGGER staff_fts_update AFTER UPDATE OF search_text ON staff BEGIN "
        "INSERT INTO staff_fts(staff_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
        "INSERT INTO staff_fts(rowid, search_text) VALUES (new.id, new.search_text); END"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute("DROP TABLE staff_fts")
    op.drop_table("staff")
    op.drop_table("app_meta")
