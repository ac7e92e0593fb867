"""Commands of `claimwatch` (being written)."""
