// Progressive enhancement: a link with data-dialog="ID" opens the WeUI dialog ID instead of the
// confirmation page it points to; without JavaScript the link simply opens that page.
(function () {
  "use strict";

  function closeDialog(dialog) {
    dialog.hidden = true;
  }

  document.addEventListener("click", function (event) {
    var opener = event.target.closest("[data-dialog]");
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-dialog"));
      if (dialog) {
        event.preventDefault();
        dialog.hidden = false;
      }
      return;
    }

    var closer = event.target.closest("[data-dialog-close], .js-dialog .weui-mask");
    if (closer) {
      closeDialog(closer.closest(".js-dialog"));
    }
  });
})();
