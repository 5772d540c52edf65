"""Who may do and see what: back-off after failed passwords, per session and per client address.

May import `ipsdash.config` only, so the store can apply it where data is queried."""
