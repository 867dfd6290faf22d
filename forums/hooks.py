"""What forums add to the registry's pages, through the registry's hooks (constant queries)."""
