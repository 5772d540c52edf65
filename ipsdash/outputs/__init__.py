"""Views written out: CSV export, PNG/SVG images and PDF decks, talk tracks and their offline HTML, the
audience's links and QR codes, and the published static copy.

May import everything below it (`config`, `domain`, `store`, `figures`, `views`); never Streamlit."""
