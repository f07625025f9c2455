"""Publishing: what a laptop has published to its organisation's store, and the organisation's
store proving every record it is given.

On every store: `publications` says, per record, which organisation store (by its `store_uid`)
took which fingerprint and status, when, or that it refused the record and why;
`published_people` does the same for people (by a hash of the details sent, so a change is sent
again). Every store gets a `store_uid` in app_meta, so a laptop can tell one organisation store
from another. On PostgreSQL, the store recomputes a record's fingerprint whenever a record is
fixed and refuses one that does not match (storage/pg_record_rules.py). Nothing existing
changes: no fingerprint, row or trigger is touched.

Revision ID: 0006
Revises: 0005
"""
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "publications",
        sa.Column("conversation_id", sa.Integer,
                  sa.ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("store_uid", sa.String(32), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "published_people",
        sa.Column("staff_id", sa.Integer, sa.ForeignKey("staff.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("store_uid", sa.String(32), nullable=False),
        sa.Column("details_sha256", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    conn = op.get_bind()
    if conn.execute(sa.text("SELECT 1 FROM app_meta WHERE key = 'store_uid'")).first() is None:
        conn.execute(sa.text("INSERT INTO app_meta(key, value) VALUES ('store_uid', :uid)"),
                     {"uid": uuid.uuid4().hex})
    if conn.dialect.name == "postgresql":
        from rmp_desktop.storage.pg_record_rules import install_ddl

        for statement in install_ddl():
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        from rmp_desktop.storage.pg_record_rules import remove_ddl

        for statement in remove_ddl():
            op.execute(statement)
    op.drop_table("published_people")
    op.drop_table("publications")
