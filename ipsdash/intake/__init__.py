"""Files coming in: reading the tidy CSVs of data/ and coordinators' programme files, normalising what
spreadsheets write, and validating both against one contract, within the limits each input may cost.

May import `ipsdash.i18n`, `ipsdash.config` and `ipsdash.domain`; never writes anything. Every problem is
written in the language in use when it is found."""
