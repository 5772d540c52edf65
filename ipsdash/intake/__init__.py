"""Files coming in: reading the tidy CSVs of data/ and coordinators' programme files, normalising what
spreadsheets write, and validating both against one contract, within the limits each input may cost.

May import `ipsdash.config` and `ipsdash.domain`; never writes anything."""
