// The workbench's keys: on a task awaiting its outcome, 1–9 pick the outcome; one that needs nothing more is
// recorded at once, a promise or a call-back moves the focus to its first field (Enter then records it).
// Keys typed into a field are the field's. Without this script the form works as plain radio buttons and a button.
(function () {
  'use strict';
  var form = document.getElementById('outcome-form');
  if (!form) {
    return;
  }
  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) {
      return;
    }
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === 'TEXTAREA' || tag === 'SELECT' || (tag === 'INPUT' && target.type !== 'radio')) {
      return;
    }
    if (!/^[1-9]$/.test(event.key)) {
      return;
    }
    var choice = form.querySelector('input[name=choice][data-key="' + event.key + '"]');
    if (!choice) {
      return;
    }
    event.preventDefault();
    choice.checked = true;
    var more = choice.getAttribute('data-more');
    if (more === 'promise') {
      document.getElementById('promiseDate').focus();
    } else if (more === 'call-back') {
      document.getElementById('callBackAt').focus();
    } else {
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }
  });
  var first = form.querySelector('input[name=choice]:checked') || form.querySelector('input[name=choice]');
  if (first && !document.querySelector('[autofocus]')) {
    first.focus();
  }
}());
