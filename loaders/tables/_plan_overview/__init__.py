"""The parts of the plan overview parser (loaders/tables/plan_overview.py), split along its
seams: drafts, reading, emitting, programs."""
