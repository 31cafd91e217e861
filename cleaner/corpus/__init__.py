"""Many captures at once: worker processes in a fixed order, and near-duplicates across the whole corpus."""
