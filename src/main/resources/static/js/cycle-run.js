// A cycle run's page follows the run through server-sent events (/cycles/{id}/events): each "progress" event and the
// final "done" event carry the run's figures as JSON, written into the elements named by data-field. No framework,
// no inline script (the content security policy allows none); without EventSource the page still works by reloading.
(function () {
  'use strict';

  var run = document.querySelector('[data-run-events]');
  if (!run || typeof EventSource === 'undefined') {
    return;
  }
  var source = new EventSource(run.getAttribute('data-run-events'));

  function show(event) {
    var figures;
    try {
      figures = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    run.querySelectorAll('[data-field]').forEach(function (element) {
      var value = figures[element.getAttribute('data-field')];
      if (value !== undefined && value !== null) {
        element.textContent = String(value);
      }
    });
    var bar = run.querySelector('progress');
    if (bar) {
      bar.max = Math.max(1, figures.partitions);
      bar.value = figures.partitionsDone;
    }
    run.setAttribute('data-state', figures.state);
  }

  source.addEventListener('progress', show);
  // no progress for minutes: the process working on the run may have stopped; the stream ends, the page says so
  source.addEventListener('stalled', function (event) {
    show(event);
    source.close();
    var note = run.querySelector('.stalled');
    try {
      if (note) {
        note.textContent = JSON.parse(event.data).stalled;
        note.hidden = false;
      }
    } catch (e) {
      // the figures were shown; without a text the note stays hidden
    }
  });
  source.addEventListener('done', function (event) {
    show(event);
    // the stream ends here; closing stops EventSource from reconnecting to a finished run
    source.close();
    var hint = run.querySelector('.hint');
    if (hint) {
      hint.hidden = true;
    }
  });
})();
