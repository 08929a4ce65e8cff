// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Language switcher (and any select marked data-autosubmit): submit on change,
  // hide the now redundant submit button. Without JS the button stays visible.
  // A keyboard user browsing the options with the arrow keys must not be sent
  // to another page on the first key press (WCAG 3.2.2): for them the button
  // comes back, and Enter submits.
  function enhanceAutosubmit(root) {
    root.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      var form = select.form;
      if (!form) { return; }
      var button = form.querySelector("button[type=submit], input[type=submit]");
      var usingKeyboard = false;
      var submit = function () {
        if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
      };
      var showButton = function () {
        if (button) { button.classList.remove("visually-hidden"); button.removeAttribute("tabindex"); }
      };
      if (button) { button.classList.add("visually-hidden"); button.tabIndex = -1; }
      select.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          submit();
          return;
        }
        if (event.key !== "Tab") { usingKeyboard = true; }
      });
      select.addEventListener("pointerdown", function () { usingKeyboard = false; });
      select.addEventListener("change", function () {
        if (usingKeyboard && button) { showButton(); } else { submit(); }
      });
    });
  }

  // Tables wider than the screen scroll inside .table-wrap; make such a region
  // reachable and scrollable by keyboard, and give it a name from the table caption.
  function enhanceTableWraps(root) {
    root.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var update = function () {
        var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
        if (scrolls) {
          wrap.setAttribute("tabindex", "0");
          var caption = wrap.querySelector("caption");
          if (caption && !wrap.hasAttribute("aria-label")) {
            wrap.setAttribute("aria-label", caption.textContent.trim());
          }
          // A region needs a name; without a caption the table itself is announced.
          if (wrap.hasAttribute("aria-label")) { wrap.setAttribute("role", "region"); }
        } else if (wrap.getAttribute("tabindex") === "0") {
          wrap.removeAttribute("tabindex");
          wrap.removeAttribute("role");
        }
      };
      update();
      if ("ResizeObserver" in window) {
        new ResizeObserver(update).observe(wrap);
      }
    });
  }

  function init() {
    enhanceAutosubmit(document);
    enhanceTableWraps(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

// Ask before actions that hand a report on or take it away (the server still decides).
document.addEventListener("submit", function (event) {
  var button = event.submitter;
  if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});
