// scorm.js — the SCORM run-time API of a SCO lesson, in the page's own world.
//
// SCORM content finds its API on a window (window.API for SCORM 1.2,
// window.API_1484_11 for 2004) by walking up window.parent from its frame,
// so this script runs in the page's own world, in the top frame: the
// player page that holds the SCO in a frame.  HsLessonView prepends
// scorm-again's bundle and HOCSO_SCORM = { version, nonce, debug, state }.
//
// This world is the content's: it can read and change anything here, so
// nothing here is trusted.  It holds no message handler.  What it sends
// goes over a private channel to the bridge (scorm-bridge.js) in the app's
// own script world, which adds which lesson it is about; the app checks
// every commit as untrusted data.  See HACKING.md, "SCORM run-time".
(function () {
  'use strict';

  const config = HOCSO_SCORM;
  const is12 = config.version === '1.2';
  const Api = is12 ? window.Scorm12API : window.Scorm2004API;

  // Only the API object is left on the window.
  delete window.Scorm12API;
  delete window.Scorm2004API;

  // Taken before any content runs, so content cannot stand in for them.
  const dispatch = EventTarget.prototype.dispatchEvent;
  const listen = EventTarget.prototype.addEventListener;
  const stringify = JSON.stringify;
  const Custom = CustomEvent;
  const Focus = FocusEvent;

  // The channel is an element in no document: only this script and the
  // bridge hold it.  The bridge takes it from the one event it listens for,
  // sent at document start, before any content exists, and cancels the
  // event to say it has it.  WebKit runs the two worlds' scripts in either
  // order: when the bridge is not there yet, it says "ready" when it comes.
  const channel = document.createElement('span');
  let linked = false;

  function link () {
    linked = linked || !dispatch.call(document, new Focus('hocso-scorm-' + config.nonce,
                                                          { relatedTarget: channel, cancelable: true }));
  }
  link();
  if (!linked)
    listen.call(document, 'hocso-scorm-ready-' + config.nonce, link, { once: true });

  // Synchronous, so that it works from the content's unload handlers too.
  function send (message) {
    if (!linked)
      return false;
    return !dispatch.call(channel, new Custom('hocso-scorm', { detail: stringify(message), cancelable: true }));
  }

  const api = new Api({
    autocommit: false,
    lmsCommitUrl: false,
    logLevel: config.debug ? 3 : 5,
  });
  if (config.state)
    api.loadFromJSON(config.state);

  // Set since the last commit, so that leaving sends what would be lost.
  let dirty = false;

  function commit (final, reason) {
    dirty = false;
    return send({ kind: 'commit', final: final, reason: reason, cmi: api.renderCMIToJSONObject() });
  }

  api.on(is12 ? 'LMSCommit' : 'Commit', () => commit(false, 'commit'));
  api.on(is12 ? 'LMSFinish' : 'Terminate', () => commit(true, 'finish'));

  // Every call goes through here: the debug panel shows them all, and the
  // app hears of the refused ones (a SCORM 1.2 SCO writing 2004 names…).
  const names = is12
    ? ['LMSInitialize', 'LMSFinish', 'LMSGetValue', 'LMSSetValue', 'LMSCommit', 'LMSGetLastError',
       'LMSGetErrorString', 'LMSGetDiagnostic']
    : ['Initialize', 'Terminate', 'GetValue', 'SetValue', 'Commit', 'GetLastError', 'GetErrorString',
       'GetDiagnostic'];
  const setter = is12 ? 'LMSSetValue' : 'SetValue';
  const errorString = api[is12 ? 'LMSGetErrorString' : 'GetErrorString'].bind(api);
  const asking = new Set(names.slice(5));

  for (const name of names) {
    const original = api[name].bind(api);

    api[name] = function () {
      const args = Array.prototype.slice.call(arguments);
      const result = original.apply(null, args);
      const error = Number(api.lastErrorCode) || 0;

      if (name === setter && error === 0)
        dirty = true;
      if (config.debug || (error !== 0 && !asking.has(name)))
        send({
          kind: 'call',
          method: name,
          args: args.map(String),
          result: String(result),
          error: error,
          text: error !== 0 ? String(errorString(String(error))) : '',
        });
      return result;
    };
  }

  function running () {
    return !api.isNotInitialized() && !api.isTerminated();
  }

  // The learner leaves (the app asks, through the bridge), or the page goes
  // of itself: what was set and not committed is sent as the last commit.
  listen.call(channel, 'hocso-scorm-close', () => {
    if (running() && dirty)
      commit(true, 'close');
  });
  listen.call(window, 'pagehide', () => {
    if (running() && dirty)
      commit(true, 'pagehide');
  });

  if (is12)
    window.API = api;
  else
    window.API_1484_11 = api;
})();
