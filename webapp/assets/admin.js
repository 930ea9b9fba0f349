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

  // A value as RFC 8187 percent-encodes it: encodeURIComponent leaves a few characters that it may not carry.
  function rfc8187(value) {
    return encodeURIComponent(value).replace(/[!'()*]/g, function (c) {
      return '%' + c.charCodeAt(0).toString(16).toUpperCase();
    });
  }

  // The upload page: each chosen file is sent as the raw request body, one after another, with
  // its progress shown; the server checks it exactly as it checks an API upload.
  function uploadFiles(form) {
    var files = Array.prototype.slice.call(form.querySelector('input[type=file]').files);
    var list = document.getElementById('upload-progress');
    var token = form.querySelector('input[name=csrf]').value;
    var button = form.querySelector('button[type=submit]');
    var failed = 0;
    button.disabled = true;
    function next() {
      var file = files.shift();
      if (!file) {
        button.disabled = false;
        if (!failed) {
          window.location.assign(form.dataset.list);
        }
        return;
      }
      var item = document.createElement('li');
      var label = document.createElement('span');
      var progress = document.createElement('progress');
      var status = document.createElement('span');
      label.textContent = file.name + ' ';
      progress.max = file.size || 1;
      progress.value = 0;
      status.className = 'status';
      item.append(label, progress, status);
      list.appendChild(item);
      var request = new XMLHttpRequest();
      request.open('POST', form.action);
      request.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
      request.setRequestHeader('Content-Disposition', "attachment; filename*=UTF-8''" + rfc8187(file.name));
      request.setRequestHeader('X-CSRF-Token', token);
      request.upload.onprogress = function (event) {
        if (event.lengthComputable) {
          progress.max = event.total;
          progress.value = event.loaded;
          status.textContent = ' ' + Math.floor(100 * event.loaded / event.total) + ' %';
        }
      };
      request.onload = function () {
        var answer = {};
        try {
          answer = JSON.parse(request.responseText);
        } catch (notJson) {
          answer = {error: 'the server answered ' + request.status};
        }
        if (request.status === 201) {
          progress.value = progress.max;
          status.textContent = ' uploaded';
        } else {
          failed++;
          status.className = 'status error';
          status.setAttribute('role', 'alert');
          status.textContent = ' not uploaded: ' + (answer.error || 'the server answered ' + request.status);
        }
        next();
      };
      request.onerror = function () {
        failed++;
        status.className = 'status error';
        status.setAttribute('role', 'alert');
        status.textContent = ' not uploaded: the connection failed';
        next();
      };
      request.send(file);
    }
    next();
  }

  // The entry form: puts the chosen library image into the content at the cursor, with its size
  // (so the page does not jump while it loads) and a text alternative to edit.
  function insertImage() {
    var choice = document.getElementById('image-choice');
    var content = document.getElementById('content');
    var option = choice.options[choice.selectedIndex];
    if (!option || !content) {
      return;
    }
    var img = document.createElement('img');
    img.setAttribute('src', option.value);
    img.setAttribute('width', option.dataset.width);
    img.setAttribute('height', option.dataset.height);
    img.setAttribute('alt', option.dataset.alt);
    var start = content.selectionStart;
    var end = content.selectionEnd;
    content.setRangeText(img.outerHTML, start, end, 'end');
    content.focus();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var insert = document.getElementById('insert-image');
    if (insert) {
      insert.addEventListener('click', insertImage);
    }
    // Put the keyboard where the work is: the first invalid field, else the first empty input.
    var invalid = document.querySelector('[aria-invalid="true"]');
    var target = invalid || document.querySelector('main input:not([type=hidden]):not([value]), main input[value=""]');
    if (target) {
      target.focus();
    }
    Array.prototype.forEach.call(document.querySelectorAll('form'), function (form) {
      form.addEventListener('submit', function (event) {
        if (form.id === 'upload') {
          event.preventDefault();
          uploadFiles(form);
          return;
        }
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
