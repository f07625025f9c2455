"""Between conversations: what is due for each person, and mid-year reviews of signed plans.

`due_summary` holds, per person, the date of their last signed record and the next date
anything is due (domain.due.next_due), so the team list shows both without reading every
conversation; storage.due_summary rewrites a person's row in the same transaction as any
change that moves it (a signature, a record copy, a mid-year review). It is filled here for
everyone who has a signed record. `midyear_reviews` are dated check-ins on a signed plan,
kept apart from the record, which never changes. Nothing existing changes.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "due_summary",
        sa.Column("staff_id", sa.Integer, sa.ForeignKey("staff.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("last_signed_on", sa.Date),
        sa.Column("next_due_on", sa.Date),  # NULL with "appraisal": none signed yet, due now
        sa.Column("next_due_what", sa.String(16), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "midyear_reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(32), nullable=False, unique=True),
        sa.Column("conversation_id", sa.Integer, sa.ForeignKey("conversations.id"),
                  nullable=False, index=True),
        sa.Column("staff_id", sa.Integer, sa.ForeignKey("staff.id"), nullable=False, index=True),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    from rmp_desktop.storage.due_summary import refresh_everyone

    refresh_everyone(op.get_bind())


def downgrade() -> None:
    op.drop_table("midyear_reviews")
    op.drop_table("due_summary")
