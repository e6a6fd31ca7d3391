// lesson.js — the Học Số lesson runtime.
//
// Runs in the "hocso" script world, apart from the page's own scripts: the
// page shares the DOM with it but cannot see these functions or the message
// handler, so it cannot forge progress.  HOCSO_CONFIG is prepended by
// HsLessonView: { course, lesson, kind, location, completeAt }.
(function () {
  'use strict';

  const config = (typeof HOCSO_CONFIG === 'object' && HOCSO_CONFIG) || {};
  const handler = window.webkit && window.webkit.messageHandlers &&
                  window.webkit.messageHandlers.hocso;

  function post (message) {
    if (!handler)
      return Promise.reject(new Error('no message handler'));
    return Promise.resolve(handler.postMessage(message));
  }

  let completed = false;
  function complete () {
    if (completed)
      return;
    completed = true;
    post({ type: 'completed' }).catch(() => {});
  }

  function throttle (fn, ms) {
    let last = 0;
    let timer = 0;
    return function () {
      const now = Date.now();
      clearTimeout(timer);
      if (now - last >= ms) {
        last = now;
        fn();
      } else {
        timer = setTimeout(() => { last = Date.now(); fn(); }, ms - (now - last));
      }
    };
  }

  // Media: WebKitGTK plays nothing from hocso://, so every <video>, <audio>,
  // <source> and <track> of this course is pointed at the loopback media
  // server, through a capability URL the app issues for this lesson only.
  const MEDIA = 'video[src], audio[src], source[src], track[src]';
  const asked = new WeakMap();

  function courseUrl (value) {
    try {
      const url = new URL(value, document.baseURI);
      return url.protocol === 'hocso:' && url.host === location.host ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function rewrite (element) {
    const src = courseUrl(element.getAttribute('src'));
    if (!src || asked.get(element) === src)
      return;
    asked.set(element, src);
    const media = element.tagName === 'VIDEO' || element.tagName === 'AUDIO'
      ? element : element.parentElement;
    post({ type: 'media', src: src }).then((url) => {
      if (typeof url !== 'string' || asked.get(element) !== src)
        return;
      // The media server answers with CORS for this course only, which
      // captions need to be readable across origins.
      if (media && !media.hasAttribute('crossorigin'))
        media.crossOrigin = 'anonymous';
      asked.set(element, url);
      element.setAttribute('src', url);
      if (media && element !== media && element.tagName === 'SOURCE')
        media.load();
    }).catch(() => {});
  }

  function scan (root) {
    if (root.nodeType !== Node.ELEMENT_NODE)
      return;
    if (root.matches(MEDIA))
      rewrite(root);
    root.querySelectorAll(MEDIA).forEach(rewrite);
  }

  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes')
        scan(record.target);
      else
        record.addedNodes.forEach(scan);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });

  // Links out of the course never navigate: the app explains, kindly, that
  // they need the internet.
  document.addEventListener('click', (event) => {
    const link = event.target && event.target.closest ? event.target.closest('a[href]') : null;
    if (!link)
      return;
    let url;
    try {
      url = new URL(link.getAttribute('href'), document.baseURI);
    } catch (e) {
      return;
    }
    if (url.protocol === 'hocso:' && url.host === location.host)
      return;
    event.preventDefault();
    post({ type: 'external', url: url.href }).catch(() => {});
  }, true);

  // Page lessons: progress is how far down the learner has read; reaching
  // the end completes the lesson.  A page short enough to fit counts once
  // it has been on screen for a few seconds.
  function scrollMax () {
    const root = document.scrollingElement || document.documentElement;
    return Math.max(0, root.scrollHeight - window.innerHeight);
  }

  function scrollFraction () {
    const max = scrollMax();
    return max <= 8 ? 1 : Math.min(1, Math.max(0, window.scrollY / max));
  }

  function setupPage () {
    const report = throttle(() => {
      const fraction = scrollFraction();
      post({ type: 'progress', fraction: fraction, location: 'scroll:' + fraction.toFixed(4) })
        .catch(() => {});
      if (fraction >= 0.98)
        complete();
    }, 400);

    window.addEventListener('load', () => {
      const match = /^scroll:([0-9.]+)$/.exec(config.location || '');
      if (match)
        window.scrollTo(0, parseFloat(match[1]) * scrollMax());
      if (scrollMax() <= 8)
        setTimeout(complete, 3000);
      window.addEventListener('scroll', report, { passive: true });
    });
  }

  // Video lessons: progress is the share of the video actually played
  // (seeking ahead does not count); 90 % completes it.  The position is the
  // place to resume.
  function playedFraction (video) {
    if (!isFinite(video.duration) || video.duration <= 0)
      return 0;
    let played = 0;
    for (let i = 0; i < video.played.length; i++)
      played += video.played.end(i) - video.played.start(i);
    return Math.min(1, played / video.duration);
  }

  function setupVideo () {
    let restored = false;
    const attach = (video) => {
      const report = () => {
        const fraction = playedFraction(video);
        post({ type: 'progress', fraction: fraction,
               location: 't:' + video.currentTime.toFixed(2) }).catch(() => {});
        if (fraction >= (config.completeAt || 0.9))
          complete();
      };
      const throttled = throttle(report, 1000);
      video.addEventListener('loadedmetadata', () => {
        const match = /^t:([0-9.]+)$/.exec(config.location || '');
        if (match && !restored) {
          restored = true;
          const t = parseFloat(match[1]);
          if (t < video.duration - 1)
            video.currentTime = t;
        }
      });
      video.addEventListener('timeupdate', throttled);
      video.addEventListener('pause', report);
      video.addEventListener('seeked', report);
      video.addEventListener('ended', report);
    };
    document.addEventListener('DOMContentLoaded', () => {
      const video = document.querySelector('video');
      if (video)
        attach(video);
    });
  }

  if (config.kind === 'video')
    setupVideo();
  else if (config.kind === 'page')
    setupPage();
})();
