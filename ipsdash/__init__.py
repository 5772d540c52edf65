"""ipsdash: the cited IPS dissemination dataset, its DuckDB store and the Streamlit app."""
