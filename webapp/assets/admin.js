// conditional-feed administrator pages: small conveniences only; every page works without it.
(function () {
  'use strict';
  // A page restored from the back/forward cache shows what was true then (an entry since
  // deleted, a form already sent): ask the server again instead.
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) {
      window.location.reload();
    }
  });
  document.addEventListener('DOMContentLoaded', function () {
    // Put the keyboard where the work is: the first invalid field, else the first empty input.
    var invalid = document.querySelector('[aria-invalid="true"]');
    var target = invalid || document.querySelector('main input:not([type=hidden]):not([value]), main input[value=""]');
    if (target) {
      target.focus();
    }
    // A second click on a submit button while the first is on its way would post twice.
    Array.prototype.forEach.call(document.querySelectorAll('form'), function (form) {
      form.addEventListener('submit', function (event) {
        if (form.dataset.submitted === 'true') {
          event.preventDefault();
        }
        form.dataset.submitted = 'true';
      });
    });
  });
}());
