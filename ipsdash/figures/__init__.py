"""DataFrames in, Plotly figures out, by family (maps, growth, evidence, fidelity, cards), with a shared style.
No data access and no Streamlit here."""
