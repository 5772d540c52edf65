"""DataFrames in, Plotly figures out, by family (adoption maps, growth charts, evidence charts, fidelity
charts, headline cards), with one shared style module.

May import `ipsdash.config` and `ipsdash.domain` only: no data access and no Streamlit here."""
