"""Stable identities for people: a uid on every person, and the uids other stores know them by.

A person's uid travels with their preparation, their copy of a record and what a laptop
publishes to the organisation's store; the store's integer ids never leave it. Another
store may have met the same person first under its own uid: `staff_aliases` keeps those,
so the next file from there is matched without a question. Signed fingerprints are
untouched: the uid is not part of a record's canonical content.

Revision ID: 0003
Revises: 0002
"""
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # ADD COLUMN rather than batch mode: recreating `staff` would drop its FTS triggers.
    op.add_column("staff", sa.Column("uid", sa.String(32), nullable=False, server_default=""))
    conn = op.get_bind()
    ids = [row[0] for row in conn.execute(sa.text("SELECT id FROM staff ORDER BY id"))]
    for staff_id in ids:
        conn.execute(sa.text("UPDATE staff SET uid = :uid WHERE id = :id"),
                     {"uid": uuid.uuid4().hex, "id": staff_id})
    op.create_index("ix_staff_uid", "staff", ["uid"], unique=True)
    op.create_table(
        "staff_aliases",
        sa.Column("uid", sa.String(32), primary_key=True),
        sa.Column("staff_id", sa.Integer, sa.ForeignKey("staff.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("staff_aliases")
    op.drop_index("ix_staff_uid", "staff")
    op.drop_column("staff", "uid")
