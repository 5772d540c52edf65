"""Reading the data: open the built store read-only (reopen when it is replaced, rebuild it when it is
missing or broken), the queries (parameters in, DataFrames out) and the key figures prose quotes.

May import `ipsdash.config`, `ipsdash.domain`, `ipsdash.intake`, `ipsdash.pipeline` and
`ipsdash.access`."""
