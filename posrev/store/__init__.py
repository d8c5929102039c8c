"""Storage helpers shared by the journal and the supervisor store (no Qt, nothing above)."""
