"""The benchmark's yardstick: a bare Streamlit page with one Plotly line chart."""

import plotly.express as px
import streamlit as st

st.plotly_chart(px.line(x=[2016, 2017, 2018, 2019], y=[523, 600, 700, 857]))
