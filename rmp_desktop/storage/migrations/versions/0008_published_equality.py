"""What a laptop has published of the equality monitoring answers it keeps, per person uid.

`published_equality` holds, for each uid whose answers went to an organisation's store, a
hash of the answers sent (so a change goes again, and nothing goes twice) and the store's
answer. It is keyed by the uid alone, like `equality_monitoring`, rather than beside a staff
row in `published_people`: a row here also says answers once went, so that when the person
withdraws them the laptop knows to remove them there too. No answer is kept here, only the
hash. Closed to every login on PostgreSQL (row-level security on, no grant).

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "published_equality",
        sa.Column("staff_uid", sa.String(32), primary_key=True),
        sa.Column("store_uid", sa.String(32), nullable=False),
        sa.Column("answers_sha256", sa.String(64), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),  # published, refused
        sa.Column("at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("published_equality")
