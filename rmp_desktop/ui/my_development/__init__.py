"""My development: the staff member's own space (details, preparation, records, plan)."""
