// conditional-feed administrator pages: small conveniences only; every page works without it.
(function () {
  'use strict';
  // A page restored from the back/forward cache shows what was true then (an entry since
  // deleted, a form already sent): ask the server again instead. An entry form is the
  // exception: what it holds is what the user typed.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted && !document.querySelector('form[data-max-content]')) {
      window.location.reload();
    }
  });

  // The server refuses content longer than the form's data-max-content characters, counted as
  // it counts them: UTF-16 code units, line breaks sent as CR LF. Say so before sending, while
  // the text is still in the form.
  function contentTooLong(form) {
    var max = parseInt(form.dataset.maxContent, 10);
    var content = form.querySelector('textarea[name=content]');
    if (!max || !content) {
      return false;
    }
    var length = content.value.replace(/\r?\n/g, '\r\n').length;
    if (length <= max) {
      return false;
    }
    var message = document.getElementById('content-error');
    if (!message) {
      message = document.createElement('p');
      message.id = 'content-error';
      message.className = 'error';
      content.insertAdjacentElement('afterend', message);
    }
    message.setAttribute('role', 'alert');
    message.textContent = 'The content is ' + length.toLocaleString('en') + ' characters long; an entry may have at most '
        + max.toLocaleString('en') + '. Nothing was sent: shorten it and save again.';
    content.setAttribute('aria-invalid', 'true');
    content.setAttribute('aria-describedby', 'content-error');
    content.focus();
    return true;
  }

  document.addEventListener('DOMContentLoaded', function () {
    // Put the keyboard where the work is: the first invalid field, else the first empty input.
    var invalid = document.querySelector('[aria-invalid="true"]');
    var target = invalid || document.querySelector('main input:not([type=hidden]):not([value]), main input[value=""]');
    if (target) {
      target.focus();
    }
    Array.prototype.forEach.call(document.querySelectorAll('form'), function (form) {
      form.addEventListener('submit', function (event) {
        if (contentTooLong(form)) {
          event.preventDefault();
          return;
        }
        // A second click on a submit button while the first is on its way would post twice.
        if (form.dataset.submitted === 'true') {
          event.preventDefault();
        }
        form.dataset.submitted = 'true';
      });
    });
  });
}());
