// A typed date applies on Enter (ui.state, the sidebar's date). Streamlit's single-date
// field (React Aria segments, Streamlit 1.67) commits a typed day when the focus leaves it,
// not on Enter; so Enter in one of its segments takes the focus out of the field. Added to
// the page once per rerun (geo.render.assets.date_enter_script: called with the page's
// document and no values); the listener is installed once per page. It listens in the
// capture phase on the document, so it runs before React's own listeners.
(function(document, values) {
  if (document.__fcDateEnter) { return; }
  document.__fcDateEnter = true;
  document.addEventListener('keydown', function(e) {
    var t = e.target;
    if (e.key !== 'Enter' || !t || !t.closest || t.getAttribute('role') !== 'spinbutton') {
      return;
    }
    if (!t.closest('[data-testid="stDateInput"]')) { return; }
    // before the field's own handler, which would open the calendar and wait for it to close
    e.preventDefault(); e.stopPropagation();
    t.blur();
    // the calendar opened by a click in the field commits when dismissed from outside
    ['pointerdown', 'mousedown', 'pointerup', 'mouseup'].forEach(function(type) {
      document.body.dispatchEvent(new MouseEvent(type, {bubbles: true, cancelable: true}));
    });
  }, true);
})
