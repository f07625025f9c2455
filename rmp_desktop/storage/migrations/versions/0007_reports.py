"""Reports for the HR/OD lead: a directorate for people, and equality monitoring kept apart.

`staff.directorate` is a plain organisational fact (from a staff list or the person's
details), a way reports group people; it is not part of a record's canonical content, so no
signed fingerprint moves. `equality_monitoring` holds each person's answers to the optional
equality monitoring questions, keyed by their stable uid and nothing else: no foreign key,
no name, no link to a record. It is read only to count people (domain.report_tables).

On PostgreSQL `entered_by` is the login that wrote the row (the database fills it in, so no
login can claim another's), which the access rules (storage.pg_admin) use to let a manager
read back only what they themselves entered; the HR/OD lead's login never reads it.

Revision ID: 0007
Revises: 0006
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

ANSWERS = ("ethnic_group", "disability", "sex", "gender_identity", "sexual_orientation",
           "religion", "age_band")


def upgrade() -> None:
    # ADD COLUMN rather than batch mode: recreating `staff` would drop its FTS triggers.
    op.add_column("staff", sa.Column("directorate", sa.String(100), nullable=False,
                                     server_default=""))
    postgres = op.get_bind().dialect.name == "postgresql"
    entered_by_default = sa.text("session_user") if postgres else sa.text("''")
    op.create_table(
        "equality_monitoring",
        sa.Column("staff_uid", sa.String(32), primary_key=True),
        *(sa.Column(name, sa.String(40)) for name in ANSWERS),  # NULL: not answered
        sa.Column("source", sa.String(16), nullable=False),  # self, preparation, consent
        sa.Column("consent_on", sa.Date),  # when the person agreed to a manager recording it
        # One's own answers only: whether one's preparation carries them to one's manager.
        sa.Column("share", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("entered_by", sa.String(63), nullable=False,
                  server_default=entered_by_default),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.CheckConstraint("source IN ('self', 'preparation', 'consent')",
                           name="ck_equality_source"),
        sa.CheckConstraint("source != 'consent' OR consent_on IS NOT NULL",
                           name="ck_equality_consent"),
    )
    if postgres:
        # Whoever writes the row is who entered it: a login cannot write another's name.
        op.execute("""
            CREATE FUNCTION equality_entered_by() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.entered_by := session_user;
              RETURN NEW;
            END $$""")
        op.execute("CREATE TRIGGER equality_entered_by BEFORE INSERT OR UPDATE ON "
                   "equality_monitoring FOR EACH ROW EXECUTE FUNCTION equality_entered_by()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS equality_entered_by ON equality_monitoring")
        op.execute("DROP FUNCTION IF EXISTS equality_entered_by()")
    op.drop_table("equality_monitoring")
    op.drop_column("staff", "directorate")
