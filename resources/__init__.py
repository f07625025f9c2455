"""Data shipped with the application: framework packs, fonts, icons (no code)."""
