"""Standards, versions, elements, crosswalk mappings, the alliance baseline, certifications,
RS reports and downstream demands."""
