"""The only Streamlit code in the package, by job: boot (navigation, CSS, store and caches), url_state
(settings in the URL), captions (views, sources, downloads), panels (page-specific pieces), admin and
present. Pages import the module they need: `from ipsdash.ui import boot, captions`."""
