// The portal's own script. Pages work without it; it adds the live inbox.
(function () {
  "use strict";

  // The inbox: each notification the portal relays from the notifier arrives as a list
  // item rendered (and escaped) by the server, and goes on top of the list.
  function liveInbox() {
    var list = document.getElementById("hop-thu");
    if (!list || !window.EventSource) { return; }
    var source = new EventSource(list.getAttribute("data-live"));
    source.addEventListener("notification", function (event) {
      var empty = document.getElementById("hop-thu-trong");
      if (empty) { empty.remove(); }
      list.insertAdjacentHTML("afterbegin", event.data);
    });
    window.addEventListener("pagehide", function () { source.close(); });
  }

  // After a form fails, the error summary takes the focus so it is read out first.
  function focusProblem() {
    var problem = document.getElementById("loi");
    if (problem) { problem.focus(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    liveInbox();
    focusProblem();
  });
})();
