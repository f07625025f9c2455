"""The staff member's own side: who "I" am, my preparation, my plan's progress, copies of my
signed records, and every preparation a manager brought into a conversation.

Any store can hold both sides (a manager who also has a manager). Nothing existing changes:
signed fingerprints, conversations and their triggers are untouched. A record copy is an
ordinary locked conversation row; `record_copies` only says where it came from.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "my_development",
        # One row at most: the person this installation prepares for.
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("staff_id", sa.Integer, sa.ForeignKey("staff.id"), nullable=False),
        sa.Column("manager_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("pack_refs", sa.Text, nullable=False, server_default="[]"),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("id = 1", name="ck_my_development_single"),
    )
    op.create_table(
        "preparation_parts",
        sa.Column("part", sa.String(32), primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "plan_progress",
        sa.Column("conversation_id", sa.Integer,
                  sa.ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("action_id", sa.String(64), primary_key=True),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("done_on", sa.Date),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "record_copies",
        sa.Column("conversation_id", sa.Integer,
                  sa.ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("imported_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "preparation_imports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("conversation_id", sa.Integer,
                  sa.ForeignKey("conversations.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("staff_id", sa.Integer, sa.ForeignKey("staff.id"), nullable=False, index=True),
        sa.Column("source", sa.String(8), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False, index=True),
        sa.Column("made_at", sa.String(20), nullable=False),
        sa.Column("imported_at", sa.DateTime, nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("preparation_imports", "record_copies", "plan_progress", "preparation_parts",
                  "my_development"):
        op.drop_table(table)
