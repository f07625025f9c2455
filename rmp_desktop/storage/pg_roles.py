"""The group roles of an organisation's PostgreSQL store, by name (storage.pg_admin makes
them; start-up and reports only need to know them, without the administration code)."""

OWNER_ROLE = "rmp_owner"
MANAGER_ROLE = "rmp_manager"
LEAD_ROLE = "rmp_lead"
