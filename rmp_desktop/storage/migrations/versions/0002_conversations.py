"""Conversations, their sections, pack snapshots, signatures, exports and the audit log.

The triggers (SQLite's here, PostgreSQL's in storage/dialect.py) are the storage layer's promise: once a record's content is fixed
(first signature) nothing can change it, whoever calls; signatures and the
audit log are append-only.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_LOCKED = "this record is signed and cannot be changed; start an amendment instead"


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(32), nullable=False, unique=True),
        sa.Column("person_id", sa.Integer, sa.ForeignKey("staff.id"), nullable=False, index=True),
        sa.Column("manager_id", sa.Integer, sa.ForeignKey("staff.id", ondelete="SET NULL")),
        sa.Column("manager_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("held_on", sa.Date, nullable=False),
        sa.Column("status", sa.String(20), nullable=False, server_default="draft", index=True),
        sa.Column("current_step", sa.String(32), nullable=False, server_default="setup"),
        sa.Column("pack_refs", sa.Text, nullable=False, server_default="[]"),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("supersedes_id", sa.Integer, sa.ForeignKey("conversations.id")),
        sa.Column("amendment_reason", sa.Text, nullable=False, server_default=""),
        sa.Column("fingerprint", sa.String(64)),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "conversation_sections",
        sa.Column("conversation_id", sa.Integer,
                  sa.ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("section", sa.String(32), primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "pack_snapshots",
        sa.Column("fingerprint", sa.String(64), primary_key=True),
        sa.Column("pack_id", sa.String(100), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
    )
    op.create_table(
        "signatures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("conversation_id", sa.Integer, sa.ForeignKey("conversations.id"),
                  nullable=False, index=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("signer_name", sa.String(200), nullable=False),
        sa.Column("statement", sa.Text, nullable=False),
        sa.Column("signed_at", sa.DateTime, nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("drawing", sa.LargeBinary),
        sa.UniqueConstraint("conversation_id", "role"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("event", sa.String(32), nullable=False),
        sa.Column("conversation_uid", sa.String(32)),
        sa.Column("staff_id", sa.Integer),
        sa.Column("detail", sa.Text, nullable=False, server_default="{}"),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "exports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("conversation_id", sa.Integer, sa.ForeignKey("conversations.id"),
                  nullable=False, index=True),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False, index=True),
        sa.Column("final", sa.Boolean, nullable=False),
    )
    if op.get_bind().dialect.name == "postgresql":
        from rmp_desktop.storage.dialect import pg_immutability_ddl

        for statement in pg_immutability_ddl():
            op.execute(statement)
        return
    not_draft = "(SELECT status FROM conversations WHERE id = {row}.conversation_id) != 'draft'"
    for event, row in (("INSERT", "NEW"), ("UPDATE", "OLD"), ("DELETE", "OLD")):
        op.execute(
            f"CREATE TRIGGER sections_locked_{event.lower()} BEFORE {event} ON conversation_sections "
            f"WHEN {not_draft.format(row=row)} BEGIN SELECT RAISE(ABORT, '{_LOCKED}'); END"
        )
    # Status may move on (awaiting -> signed -> superseded); content columns may not.
    op.execute(
        "CREATE TRIGGER conversations_locked_update BEFORE UPDATE ON conversations "
        "WHEN OLD.status != 'draft' AND (NEW.kind IS NOT OLD.kind OR NEW.held_on IS NOT OLD.held_on "
        "OR NEW.person_id IS NOT OLD.person_id OR NEW.manager_name IS NOT OLD.manager_name "
        "OR NEW.pack_refs IS NOT OLD.pack_refs OR NEW.fingerprint IS NOT OLD.fingerprint "
        "OR NEW.uid IS NOT OLD.uid OR NEW.version IS NOT OLD.version "
        "OR NEW.supersedes_id IS NOT OLD.supersedes_id OR NEW.status = 'draft') "
        f"BEGIN SELECT RAISE(ABORT, '{_LOCKED}'); END"
    )
    op.execute(
        "CREATE TRIGGER conversations_locked_delete BEFORE DELETE ON conversations "
        f"WHEN OLD.status != 'draft' BEGIN SELECT RAISE(ABORT, '{_LOCKED}'); END"
    )
    for table in ("signatures", "audit_log"):
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_append_only_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )


def downgrade() -> None:
    for table in ("exports", "audit_log", "signatures", "pack_snapshots",
                  "conversation_sections", "conversations"):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        for function in ("rmp_sections_locked", "rmp_conversations_locked", "rmp_append_only"):
            op.execute(f"DROP FUNCTION {function}()")
