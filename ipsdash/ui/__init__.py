"""The only Streamlit code in the package, by job: boot (navigation, CSS, store and caches), url_state
(settings in the URL), captions (views, sources, downloads), a module of pieces per page (map_panels,
growth_panels, fidelity_panels, sources_panels, cards), admin, the presenter's slides, and text (untrusted
text shown as text). Pages import the module they need: `from ipsdash.ui import boot, captions`.

May import every other package; nothing in ipsdash imports it."""
