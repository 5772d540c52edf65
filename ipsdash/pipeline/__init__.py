"""Writing the data: the build (data/ -> DuckDB store), the import manifest, transactional imports of
programme files, atomic file writes under the one lock, shipped geometry, and the audit trail.

May import `ipsdash.i18n`, `ipsdash.config`, `ipsdash.domain` and `ipsdash.intake`. The only package that
writes data/."""
