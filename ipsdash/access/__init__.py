"""Who may do and see what: the viewer (a role and a scope), the access file that says who is which, and
the back-off after failed passwords, per session and per client address.

May import `ipsdash.i18n`, `ipsdash.config` and `ipsdash.intake` (the programme id rule), so the store can
apply it where data is queried."""
