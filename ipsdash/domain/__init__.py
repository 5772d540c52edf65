"""The subject matter, as pure functions: the controlled vocabulary (qualifiers, measures, statuses),
how values read on screen, growth rates and diffusion fits, the fidelity regression, who had IPS when,
what each employment figure measures, and provenance (which sources stand behind a set of values).

Imports only `ipsdash.config` and itself; knows nothing of files, the store, charts or Streamlit."""
