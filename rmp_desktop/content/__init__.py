"""Content packs: the framework, wheel, transitions, pathway and prompts, as replaceable data.

`model` holds the pack types, `parse` checks plain data and builds packs, and
`loader` reads files (the built-ins and an organisation's folder).
"""
