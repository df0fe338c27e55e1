// Show or hide a password field's characters: a real button (keyboard, screen reader state),
// shown only when this script runs; without it the field stays a plain password field.
(function () {
  "use strict";
  var buttons = document.querySelectorAll(".password-toggle[data-target]");
  Array.prototype.forEach.call(buttons, function (button) {
    var input = document.getElementById(button.getAttribute("data-target"));
    if (!input) return;
    var show = button.getAttribute("data-show");
    var hide = button.getAttribute("data-hide");
    button.hidden = false;
    button.addEventListener("click", function () {
      var visible = input.type === "password";
      input.type = visible ? "text" : "password";
      button.setAttribute("aria-pressed", visible ? "true" : "false");
      button.textContent = visible ? hide : show;
      input.focus();
    });
  });
})();
