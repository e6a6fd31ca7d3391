// scorm-bridge.js — carries a SCO's commits from its API to the app.
//
// Runs in the "hocso" script world of the top frame (the SCO's player
// page), where the page's own scripts cannot reach: it alone holds the
// "hocso" message handler for this page.  HsLessonView prepends
// HOCSO_SCORM_BRIDGE = { token, nonce }: the token names this launch of
// this lesson to the app, and never leaves this world; the nonce names the
// one event by which the API (scorm.js, in the page's world) hands over
// the private channel they talk on.  See HACKING.md, "SCORM run-time".
(function () {
  'use strict';

  const config = HOCSO_SCORM_BRIDGE;
  const handler = window.webkit && window.webkit.messageHandlers && window.webkit.messageHandlers.hocso;
  let channel = null;
  let kept = null;      // messages held back while the app closes the SCO
  let closed = false;

  function post (message) {
    if (closed || !handler)
      return;
    if (kept) {
      kept.push(message);
      return;
    }
    Promise.resolve(handler.postMessage(message)).catch(() => {});
  }

  // What the page's world sends is only ever data: parsed here, rebuilt
  // with the members the app reads, and signed with the token.
  function relay (detail) {
    let message;
    try {
      message = JSON.parse(detail);
    } catch (e) {
      return;
    }
    if (!message || typeof message !== 'object')
      return;

    if (message.kind === 'commit' && message.cmi && typeof message.cmi === 'object') {
      post({
        type: 'scorm-commit',
        token: config.token,
        final: message.final === true,
        cmi: JSON.stringify(message.cmi),
      });
    } else if (message.kind === 'call' && typeof message.method === 'string') {
      post({
        type: 'scorm-call',
        token: config.token,
        method: message.method,
        args: Array.isArray(message.args) ? message.args.map(String) : [],
        result: String(message.result),
        error: Number(message.error) || 0,
        text: String(message.text || ''),
      });
    }
  }

  document.addEventListener('hocso-scorm-' + config.nonce, (event) => {
    if (channel || !(event.relatedTarget instanceof Element))
      return;
    channel = event.relatedTarget;
    event.preventDefault();
    event.stopImmediatePropagation();
    channel.addEventListener('hocso-scorm', (e) => {
      if (typeof e.detail === 'string')
        relay(e.detail);
      e.preventDefault();
    });
  }, { capture: true, once: true });
  // For an API whose script ran before this one (see scorm.js).
  document.dispatchEvent(new Event('hocso-scorm-ready-' + config.nonce));

  // What leaving a page fires first, in each of the SCO's frames, outer
  // ones first: many SCOs call LMSFinish or Terminate here.
  function fireBeforeUnload (win) {
    try {
      win.dispatchEvent(new Event('beforeunload', { cancelable: true }));
      for (let i = 0; i < win.frames.length; i++)
        fireBeforeUnload(win.frames[i]);
    } catch (e) {
      // A frame of another origin (none should load) is left alone.
    }
  }

  // Called by the app when the learner leaves the lesson.  The SCO's frame
  // goes first, while this page stays: its unload handlers run (removing
  // the frame runs pagehide and unload in every frame inside, at once, and
  // needs no loading, so it works in a hidden window too), then the API
  // sends what was set since the last commit.  Everything sent meanwhile
  // is returned, in order, as JSON, rather than posted: the app saves it
  // before it loads anything else.
  window.hocsoScormClose = function () {
    kept = [];
    const frame = document.getElementById('hocso-sco');
    if (frame) {
      if (frame.contentWindow)
        fireBeforeUnload(frame.contentWindow);
      frame.remove();
    }
    if (channel)
      channel.dispatchEvent(new CustomEvent('hocso-scorm-close'));
    const messages = kept;
    kept = null;
    closed = true;
    return JSON.stringify(messages);
  };
})();
