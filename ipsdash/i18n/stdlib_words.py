"""The words Python's argparse writes for the CLI (usage, errors, the help's headings), marked here so
that `make catalogs` takes them into our catalogs; `catalogs.python_messages` has argparse read them from
there. The messages are argparse's own, exactly as Python 3.11 writes them (a Python whose words differ
writes those in English)."""

from ipsdash.i18n import N_

ARGPARSE = (
    N_("usage: "),
    N_("%(prog)s: error: %(message)s\n"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("show this help message and exit"),
    N_("positional arguments"),
    N_("options"),
)
