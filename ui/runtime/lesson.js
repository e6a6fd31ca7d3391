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

  // Read-aloud for page lessons: the app speaks the text (espeak-ng, in
  // Vietnamese) into one WAV and says when each sentence starts; the page
  // plays it as plain audio and marks the sentence being read.  The app
  // drives it through window.hocsoReadAloud, which lives in this world
  // only; the page's own scripts cannot reach it.
  function setupReadAloud () {
    const BLOCKS = 'h1, h2, h3, h4, h5, h6, p, li, dt, dd, figcaption, blockquote, td, th, caption';
    const ENDS = /[.!?…]+["”’)\]]*(?=\s|$)/g;
    let sentences = [];
    let audio = null;
    let marks = [];
    let current = -1;
    let rate = 1;
    let style = null;
    let problem = null;        // why it last failed, for the app's log and tests
    const highlight = typeof Highlight === 'function' && window.CSS && CSS.highlights ? new Highlight() : null;

    function tell (state) {
      post({ type: 'reading', state: state }).catch(() => {});
    }

    // Every sentence of the lesson's text, in reading order, with the
    // range of the document it covers.
    function collect () {
      const out = [];
      const blocks = [...document.querySelectorAll(BLOCKS)]
        .filter((block) => !block.querySelector(BLOCKS) && block.offsetParent !== null);
      for (const block of blocks) {
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        const nodes = [];
        let text = '';
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          nodes.push({ node: node, start: text.length });
          text += node.data;
        }
        const at = (offset) => {
          let i = nodes.length - 1;
          while (i > 0 && nodes[i].start > offset)
            i--;
          return [nodes[i].node, Math.min(offset - nodes[i].start, nodes[i].node.length)];
        };
        // A sentence ends at . ! ? or … followed by a space or the end, so
        // "10.000.000 đ" and "vneid.gov.vn" stay whole.
        const cuts = [0];
        for (const end of text.matchAll(ENDS))
          cuts.push(end.index + end[0].length);
        cuts.push(text.length);
        for (let i = 0; i + 1 < cuts.length; i++) {
          const piece = text.slice(cuts[i], cuts[i + 1]);
          const said = piece.replace(/\s+/g, ' ').trim();
          if (!/[\p{L}\p{N}]/u.test(said))
            continue;
          const lead = piece.length - piece.trimStart().length;
          const range = document.createRange();
          range.setStart(...at(cuts[i] + lead));
          range.setEnd(...at(cuts[i] + piece.trimEnd().length));
          out.push({ text: said, range: range, block: block });
        }
      }
      return out;
    }

    function mark (index) {
      if (index === current)
        return;
      if (current >= 0 && sentences[current])
        sentences[current].block.classList.remove('hocso-reading');
      current = index;
      if (highlight)
        highlight.clear();
      const sentence = sentences[index];
      if (!sentence)
        return;
      if (highlight)
        highlight.add(sentence.range);
      else
        sentence.block.classList.add('hocso-reading');
      const box = sentence.range.getBoundingClientRect();
      if (box.top < 60 || box.bottom > window.innerHeight - 60)
        sentence.block.scrollIntoView({ block: 'center', behavior: 'smooth' });
    }

    function stop () {
      if (audio) {
        audio.pause();
        audio.removeAttribute('src');
        audio.load();
        audio = null;
      }
      mark(-1);
      tell('stopped');
    }

    async function start (speed) {
      stop();
      rate = speed || 1;
      sentences = collect();
      if (sentences.length === 0)
        return tell('nothing');
      if (!style) {
        style = document.createElement('style');
        style.textContent = '::highlight(hocso-reading) { background: #ffe27a; color: #1a1a1a; }' +
                            '.hocso-reading { outline: 3px solid #f0a857; outline-offset: 4px; }';
        document.head.append(style);
        if (highlight)
          CSS.highlights.set('hocso-reading', highlight);
      }
      tell('preparing');
      let speech;
      try {
        speech = await post({ type: 'speak', sentences: sentences.map((s) => s.text) });
      } catch (error) {
        problem = String(error && error.message || error);
        tell('failed');
        return;
      }
      marks = speech.marks;
      audio = new Audio(speech.url);
      audio.playbackRate = rate;
      audio.addEventListener('timeupdate', () => {
        const ms = audio.currentTime * 1000;
        let i = marks.length - 1;
        while (i > 0 && marks[i] > ms)
          i--;
        mark(i);
      });
      audio.addEventListener('playing', () => tell('playing'));
      audio.addEventListener('pause', () => { if (audio && !audio.ended) tell('paused'); });
      audio.addEventListener('ended', () => { mark(-1); tell('stopped'); });
      audio.addEventListener('error', () => {
        problem = 'media error ' + (audio && audio.error ? audio.error.code + ' ' + audio.error.message : '');
        tell('failed');
      });
      mark(0);
      await audio.play().catch((error) => {
        problem = String(error && error.message || error);
        tell('failed');
      });
    }

    window.hocsoReadAloud = {
      start: (speed) => { start(speed); return true; },
      pause: () => { if (audio) audio.pause(); return true; },
      resume: () => { if (audio) audio.play().catch(() => {}); return true; },
      stop: () => { stop(); return true; },
      rate: (speed) => { rate = speed; if (audio) audio.playbackRate = speed; return true; },
      state: () => ({ sentences: sentences.length, current: current,
                      playing: !!audio && !audio.paused, time: audio ? audio.currentTime : 0,
                      duration: audio && isFinite(audio.duration) ? audio.duration : 0,
                      problem: problem,
                      marked: current >= 0 && sentences[current] ? sentences[current].text : null }),
    };
  }

  // Coming from a search: mark the words searched for, as search matches
  // them (case, Vietnamese marks and đ ignored; a word matches the start of
  // a longer one), and bring the first into view.
  function fold (text) {
    let out = '';
    const map = [];
    for (let i = 0; i < text.length; i++) {
      const folded = text[i].normalize('NFD').replace(/[\u0300-\u036f]/g, '')
        .replace(/[đĐ]/g, 'd').toLowerCase();
      for (const ch of folded) {
        out += ch;
        map.push(i);
      }
    }
    return { text: out, map: map };
  }

  function markFound (query) {
    const words = fold(query).text.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
    if (words.length === 0 || typeof Highlight !== 'function' || !window.CSS || !CSS.highlights)
      return 0;
    const found = new Highlight();
    let first = null;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement && node.parentElement.closest('script, style, noscript')
        ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const folded = fold(node.data);
      for (const word of words) {
        let at = folded.text.indexOf(word);
        while (at >= 0) {
          const before = at === 0 ? '' : folded.text[at - 1];
          if (!/[\p{L}\p{N}]/u.test(before)) {
            let end = at + word.length;
            while (end < folded.text.length && /[\p{L}\p{N}]/u.test(folded.text[end]))
              end++;
            const range = document.createRange();
            range.setStart(node, folded.map[at]);
            range.setEnd(node, end < folded.map.length ? folded.map[end] : node.length);
            found.add(range);
            if (!first)
              first = range;
          }
          at = folded.text.indexOf(word, at + 1);
        }
      }
    }
    if (!first)
      return 0;
    const style = document.createElement('style');
    style.textContent = '::highlight(hocso-found) { background: #b7e4ff; color: #0a1a24; }';
    document.head.append(style);
    CSS.highlights.set('hocso-found', found);
    const box = first.getBoundingClientRect();
    window.scrollTo(0, Math.max(0, window.scrollY + box.top - window.innerHeight / 3));
    return found.size;
  }

  if (config.kind === 'video')
    setupVideo();
  else if (config.kind === 'page') {
    setupPage();
    setupReadAloud();
    if (config.find) {
      window.addEventListener('load', () => {
        window.hocsoFound = markFound(config.find);
      });
    }
  }
})();
