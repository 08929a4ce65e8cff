// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    var button = select.form.querySelector("button[type=submit]");
    if (button) { button.classList.add("visually-hidden"); }
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
