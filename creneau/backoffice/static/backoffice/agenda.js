// The agenda by touch, as an enhancement of pages that work without it: a tap (or click) on an
// empty time offers to book or block it there; a booking dragged to another time or staff
// member is moved by the same endpoint as the move form, which re-checks it. Pointer events, so
// a finger, a pen and a mouse all work. Blocks are placed by the grid's classes (r-N: first
// row, s-N: rows spanned; one row per 5 minutes): no inline style, as the CSP requires.
(function () {
  "use strict";

  var grid = document.querySelector(".agenda[data-first]");
  if (!grid || !window.fetch) {
    return;
  }
  var ROW_MINUTES = 5;
  var DRAG_THRESHOLD = 6; // pixels before a press becomes a drag (less is a tap)
  var first = Number(grid.dataset.first);
  var rows = Number(grid.dataset.rows);
  var step = Number(grid.dataset.step) || 15;
  var feedback = document.getElementById("agenda-feedback");
  var csrf = grid.querySelector("input[name=csrfmiddlewaretoken]");
  var menu = null;

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function hhmm(minute) {
    return pad(Math.floor(minute / 60)) + ":" + pad(minute % 60);
  }

  function rowClass(element, minute) {
    var row = Math.floor((minute - first) / ROW_MINUTES) + 1;
    element.className = element.className.replace(/\br-\d+\b/, "r-" + row);
  }

  // The local minute of the day under the pointer in a column, rounded down to the slot step
  // (`round`: to the nearest step instead).
  function minuteAt(column, clientY, round) {
    var box = column.getBoundingClientRect();
    var exact = first + ((clientY - box.top) / box.height) * rows * ROW_MINUTES;
    var snapped = (round ? Math.round(exact / step) : Math.floor(exact / step)) * step;
    var last = first + rows * ROW_MINUTES - step;
    return Math.max(first, Math.min(last, snapped));
  }

  function say(text) {
    if (!feedback) {
      return;
    }
    feedback.textContent = text;
    feedback.hidden = !text;
  }

  // --- Tap an empty time: book or block it there -------------------------------------------
  function closeMenu() {
    if (menu) {
      menu.remove();
      menu = null;
    }
  }

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  function openMenu(column, minute) {
    closeMenu();
    var time = hhmm(minute);
    var end = hhmm(Math.min(minute + 60, 24 * 60 - 1));
    var day = column.dataset.day;
    menu = document.createElement("div");
    menu.className = "agenda-menu s-1";
    menu.setAttribute("role", "group");
    menu.setAttribute("aria-label", time);
    menu.className += " r-" + (Math.floor((minute - first) / ROW_MINUTES) + 1);
    menu.appendChild(
      link(
        column.dataset.new + "&time=" + time,
        grid.dataset.bookLabel.replace("%(time)s", time)
      )
    );
    menu.appendChild(
      link(
        column.dataset.block + "&start=" + day + "T" + time + "&end=" + day + "T" + end,
        grid.dataset.blockLabel.replace("%(time)s", time)
      )
    );
    var close = document.createElement("button");
    close.type = "button";
    close.className = "agenda-menu-close button-small button-secondary";
    close.textContent = grid.dataset.closeLabel;
    close.addEventListener("click", function (event) {
      event.stopPropagation();
      closeMenu();
    });
    menu.appendChild(close);
    column.appendChild(menu);
    menu.querySelector("a").focus();
  }

  grid.addEventListener("click", function (event) {
    var column = event.target.closest(".agenda-col[data-staff]");
    if (!column || event.target.closest(".agenda-booking, .agenda-menu, .agenda-closed")) {
      return;
    }
    openMenu(column, minuteAt(column, event.clientY, false));
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      closeMenu();
    }
  });

  // --- Drag a booking: move it --------------------------------------------------------------
  var drag = null;
  var justDragged = false;

  grid.addEventListener(
    "click",
    function (event) {
      if (justDragged) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true
  );

  function startMinuteOf(block) {
    var row = Number((block.className.match(/\br-(\d+)\b/) || [0, 1])[1]);
    return first + (row - 1) * ROW_MINUTES;
  }

  grid.addEventListener("pointerdown", function (event) {
    var block = event.target.closest(".agenda-booking[data-move]");
    if (!block || event.button > 0) {
      return;
    }
    drag = {
      block: block,
      home: block.parentNode,
      next: block.nextSibling,
      className: block.className,
      x: event.clientX,
      y: event.clientY,
      start: startMinuteOf(block),
      minute: startMinuteOf(block),
      column: block.parentNode,
      moving: false,
      pointer: event.pointerId,
    };
  });

  grid.addEventListener("pointermove", function (event) {
    if (!drag || event.pointerId !== drag.pointer) {
      return;
    }
    var dx = event.clientX - drag.x;
    var dy = event.clientY - drag.y;
    if (!drag.moving) {
      if (Math.abs(dx) < DRAG_THRESHOLD && Math.abs(dy) < DRAG_THRESHOLD) {
        return;
      }
      drag.moving = true;
      closeMenu();
      say("");
      drag.block.classList.add("is-dragging");
      grid.setPointerCapture(event.pointerId);
    }
    event.preventDefault();
    var under = document.elementFromPoint(event.clientX, event.clientY);
    var column = under && under.closest(".agenda-col[data-staff]");
    if (column && column !== drag.column) {
      column.appendChild(drag.block);
      drag.column = column;
    }
    var box = drag.column.getBoundingClientRect();
    var minutes = (dy / box.height) * rows * ROW_MINUTES;
    var minute = Math.round((drag.start + minutes) / step) * step;
    var last = first + rows * ROW_MINUTES - step;
    drag.minute = Math.max(first, Math.min(last, minute));
    rowClass(drag.block, drag.minute);
    drag.block.dataset.time = hhmm(drag.minute);
  });

  function putBack(state) {
    state.block.className = state.className;
    state.home.insertBefore(state.block, state.next);
  }

  function finish(event) {
    if (!drag || event.pointerId !== drag.pointer) {
      return;
    }
    var state = drag;
    drag = null;
    if (!state.moving) {
      return;
    }
    // The click that follows a drag would open the booking (or the menu): swallow it.
    justDragged = true;
    window.setTimeout(function () {
      justDragged = false;
    }, 0);
    state.block.classList.remove("is-dragging");
    if (event.type === "pointercancel" || (state.column === state.home && state.minute === state.start)) {
      putBack(state);
      return;
    }
    var column = state.column;
    var body = new FormData();
    body.append("csrfmiddlewaretoken", csrf ? csrf.value : "");
    body.append("date", column.dataset.day);
    body.append("staff", column.dataset.staff);
    body.append("start", column.dataset.day + "T" + hhmm(state.minute) + ":00" + column.dataset.offset);
    state.block.classList.add("is-saving");
    fetch(state.block.dataset.move, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (answer) {
          return { ok: response.ok, answer: answer };
        });
      })
      .then(function (result) {
        if (result.ok && result.answer.url) {
          window.location.assign(result.answer.url);
          return;
        }
        putBack(state);
        state.block.classList.add("is-refused");
        say(result.answer.error || grid.dataset.errorLabel);
      })
      .catch(function () {
        putBack(state);
        say(grid.dataset.errorLabel);
      });
  }

  // A booking is a link: the browser's own drag of links would cancel the pointer's events.
  grid.addEventListener("dragstart", function (event) {
    if (event.target.closest && event.target.closest(".agenda-booking[data-move]")) {
      event.preventDefault();
    }
  });
  grid.addEventListener("pointerup", finish);
  grid.addEventListener("pointercancel", finish);
})();
