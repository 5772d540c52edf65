"""Plotly's own chart buttons (the map's ▶ Play and ❚❚ Pause) made reachable by keyboard: Plotly draws them as
SVG groups that Tab never reaches, so this script gives each one a tab stop, the role and name of a button, a
visible focus ring, and Enter and Space as a click. One script for every place a chart with buttons is drawn:
every app page (in its one page script, ui.language) and the offline HTML pages (inline)."""

# Plotly draws the buttons again on every redraw (a rerun, a resize), so new ones are found as they appear.
# A button's name is its label without the symbol in front ("▶ Play" is named "Play").
SCRIPT = """
(() => {
  if (window.ipsdashPlotlyKeys) return;
  window.ipsdashPlotlyKeys = true;
  const style = document.createElement('style');
  style.textContent = '.js-plotly-plot .updatemenu-button:focus-visible{outline:3px solid #1a5fb4;outline-offset:1px}';
  document.head.appendChild(style);
  const symbol = /^[^\\p{L}\\p{N}]+/u;
  const press = e => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    e.currentTarget.dispatchEvent(new MouseEvent('click', {bubbles: true}));
  };
  const patch = () => {
    for (const button of document.querySelectorAll('.js-plotly-plot .updatemenu-button:not([tabindex])')) {
      button.setAttribute('tabindex', '0');
      button.setAttribute('role', 'button');
      button.setAttribute('aria-label', button.textContent.replace(symbol, '').trim());
      button.addEventListener('keydown', press);
    }
  };
  patch();
  new MutationObserver(patch).observe(document.body, {childList: true, subtree: true});
})();
"""
