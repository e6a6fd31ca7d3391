// walkthrough.js — the Học Số practice phone.
//
// Runs in the "hocso" script world on the app's walkthrough page.  It knows
// nothing the mode must hide: it asks the app (HsWalkthroughSession, through
// the "hocso" message handler) for the current step as the mode may show it,
// posts what the learner taps, types or chooses, and shows what the app made
// of it.  The app checks, scores, keeps the Test and stops real-looking data.
// Every text it shows comes from the app — HOCSO_CONFIG.strings, translated
// there — or from the walkthrough, and goes into the page as text, never as
// markup.
(function () {
  'use strict';

  const config = (typeof HOCSO_CONFIG === 'object' && HOCSO_CONFIG) || {};
  if (config.kind !== 'walkthrough')
    return;

  const T = config.strings || {};
  const handler = window.webkit && window.webkit.messageHandlers &&
                  window.webkit.messageHandlers.hocso;
  const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)');

  // The smallest a tap target may be drawn, in px on the screen.
  const MIN_TARGET = 48;

  function ask (type, extra) {
    if (!handler)
      return Promise.reject(new Error('no message handler'));
    return Promise.resolve(handler.postMessage(Object.assign({ type: type }, extra || {})));
  }

  function fmt (text, values) {
    return String(text || '').replace(/\{(\w+)\}/g,
      (whole, key) => (values && key in values ? String(values[key]) : whole));
  }

  function percent (share) {
    return Math.round((share || 0) * 1000) / 10;
  }

  // The steps a Test needs right the first time to pass.
  function needed (passMark, total) {
    return Math.ceil(passMark * total - 1e-9);
  }

  // el('p', { class: 'x' }, 'text', child, …): text always as text.
  function el (tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false)
        continue;
      if (name === 'onclick')
        node.addEventListener('click', value);
      else if (name === 'text')
        node.textContent = value;
      else
        node.setAttribute(name, value === true ? '' : String(value));
    }
    add(node, ...children);
    return node;
  }

  function add (parent, ...children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false)
        continue;
      parent.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return parent;
  }

  function button (label, onclick, kind) {
    return el('button', { type: 'button', class: 'hocso-button' + (kind ? ' ' + kind : ''), onclick: onclick }, label);
  }

  let root = null;
  let busy = false;
  let walk = null;        // the walkthrough as the chosen mode shows it
  let current = null;     // what is on screen: { view, parts }
  let watchTimer = 0;
  let typingTimer = 0;
  let paused = false;

  function stopWatching () {
    clearTimeout(watchTimer);
    clearInterval(typingTimer);
    watchTimer = 0;
    typingTimer = 0;
    for (const audio of document.querySelectorAll('audio.hocso-narration'))
      audio.pause();
  }

  function show (...nodes) {
    stopWatching();
    current = null;
    root.replaceChildren();
    add(root, ...nodes);
    const heading = root.querySelector('h1, h2');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
    window.scrollTo(0, 0);
  }

  function failed (error) {
    busy = false;
    const message = (error && error.message) || String(error);
    show(el('h1', { text: T.problem }),
         el('p', { class: 'hocso-alert', role: 'alert', text: message }),
         el('div', { class: 'hocso-actions' }, button(T.continue, showStart, 'primary')));
  }

  // Runs one request at a time: a double tap never acts twice.  A step
  // that hands over to the next one (clearing `busy` itself first) leaves
  // `busy` to that one.
  let generation = 0;
  function guarded (fn) {
    return function (...args) {
      if (busy)
        return;
      busy = true;
      const run = ++generation;
      Promise.resolve().then(() => fn(...args)).then(() => {
        if (run === generation)
          busy = false;
      }, failed);
    };
  }

  // --- the start screen: the three ways to practise ---------------------

  function modeButton (mode, title, text, onclick) {
    return el('button', { type: 'button', class: 'hocso-mode hocso-mode-' + mode, onclick: onclick },
      el('span', { class: 'hocso-mode-title', text: title }),
      el('span', { class: 'hocso-mode-text', text: text }));
  }

  const showStart = guarded(async function () {
    const state = await ask('walkthrough-state');
    const parts = [
      el('h1', { text: state.title }),
      el('ul', { class: 'hocso-facts' },
        el('li', { text: fmt(T.stepCount, { n: state.steps }) }),
        el('li', { text: fmt(T.toPass, { need: needed(state.pass_mark, state.steps), total: state.steps }) })),
      el('p', { class: 'hocso-note', text: T.invented }),
    ];
    if (state.best_score !== null)
      parts.push(el('p', { class: state.passed ? 'hocso-pass' : 'hocso-best' },
                    fmt(state.passed ? T.bestPassed : T.best, { percent: percent(state.best_score) })));
    if (state.open_test)
      parts.push(el('p', { class: 'hocso-open', text: fmt(T.openTest, state.open_test) }));

    parts.push(el('h2', { class: 'hocso-choose', text: T.chooseMode }),
      el('div', { class: 'hocso-modes' },
        modeButton('watch', T.watch, T.watchText, () => start('watch')),
        modeButton('try', T.try, T.tryText, () => start('try')),
        modeButton('test', state.open_test ? T.resumeTest : T.test, T.testText, () => start('test'))));
    if (state.tests_taken > 0)
      parts.push(el('div', { class: 'hocso-actions' }, button(T.seeResult, showLastResult)));

    show(...parts);
    // The first thing to do is choose: the title is read, then the choices.
    root.querySelector('h1').focus({ preventScroll: true });
  });

  const start = guarded(async function (mode) {
    const reply = await ask('walkthrough-start', { mode: mode });
    walk = reply.walkthrough;
    paused = false;
    busy = false;
    render(reply.view, reply.resumed ? { kind: 'note', text: T.resumed } : null);
  });

  const showLastResult = guarded(async function () {
    const result = await ask('walkthrough-results');
    busy = false;
    if (result)
      renderResult(result);
    else
      showStart();
  });

  // --- one step -----------------------------------------------------------

  function render (view, message) {
    if (!view.finished)
      renderStep(view, message);
    else if (view.mode === 'test')
      renderResult(view.result);
    else
      renderTried(view);
  }

  // Rectangles of the screen become percentages of it, so the phone can be
  // drawn at any size.
  function place (node, rect) {
    const device = walk.device;
    node.style.left = (100 * rect.x / device.width) + '%';
    node.style.top = (100 * rect.y / device.height) + '%';
    node.style.width = (100 * rect.width / device.width) + '%';
    node.style.height = (100 * rect.height / device.height) + '%';
    return node;
  }

  function messageNodes (message, view) {
    const nodes = [];
    if (message) {
      if (message.text)
        nodes.push(el('p', { class: 'hocso-message hocso-' + message.kind, text: message.text }));
      if (message.feedback)
        nodes.push(el('p', { class: 'hocso-feedback hocso-' + message.kind, text: message.feedback }));
    }
    const step = view.step;
    if (view.show_hint && step.hint)
      nodes.push(el('p', { class: 'hocso-hint' }, el('strong', { text: T.hint }), ' ', step.hint));
    return nodes;
  }

  // The label goes below the target when the screen has room for it
  // there, where it hides less of what the target sits among.
  function highlight (rect, label) {
    const below = rect.y + rect.height + 44 <= walk.device.height;
    return place(el('div', { class: 'hocso-highlight', 'aria-hidden': 'true' },
      label ? el('span', { class: 'hocso-highlight-label' + (below ? '' : ' hocso-above'), text: label }) : null),
      rect);
  }

  // The phone: the screen picture, and on it what can be tapped (the
  // screen's hotspots, in Tab order) or the box to type into.
  function buildPhone (view, act) {
    const step = view.step;
    const watching = view.mode === 'watch';
    const screen = el('div', { class: 'hocso-screen' },
      el('img', { class: 'hocso-screen-image', src: '/' + step.screen.image, alt: step.screen.alt,
                  draggable: 'false' }));
    const parts = { screen: screen, field: null };

    if (step.action === 'tap' && !watching) {
      let spots = step.screen.hotspots || [];
      // A screen without hotspots cannot be reached by keyboard; where the
      // mode knows the target, the target is the one stop.
      if (spots.length === 0 && step.target)
        spots = [Object.assign({ label: T.tapHere }, step.target)];
      for (const spot of spots) {
        screen.append(place(el('button', { type: 'button', class: 'hocso-hotspot', 'aria-label': spot.label,
                                           'data-x': spot.x + spot.width / 2, 'data-y': spot.y + spot.height / 2 }),
                            spot));
      }
      screen.addEventListener('click', (event) => {
        const spot = event.target.closest ? event.target.closest('.hocso-hotspot') : null;
        const box = screen.getBoundingClientRect();
        let x, y;
        // Enter or Space on a hotspot taps its centre; a pointer taps
        // where it is.
        if (spot && event.detail === 0) {
          x = Number(spot.dataset.x);
          y = Number(spot.dataset.y);
        } else {
          x = (event.clientX - box.left) / box.width * walk.device.width;
          y = (event.clientY - box.top) / box.height * walk.device.height;
        }
        ripple(screen, x, y);
        act({ tap: { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 } });
      });
    }

    if (step.action === 'type') {
      const field = el('input', {
        type: step.masked ? 'password' : 'text', class: 'hocso-field',
        'aria-label': step.label || step.instruction, 'aria-describedby': 'hocso-instruction',
        autocomplete: 'off', autocapitalize: 'off', spellcheck: 'false', readonly: watching,
        placeholder: watching ? null : T.typeHere,
      });
      field.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          parts.submit();
        }
      });
      screen.append(place(field, step.field));
      parts.field = field;
    }

    const rect = step.action === 'tap' ? step.target : step.action === 'type' ? step.field : null;
    if (rect && (watching || view.show_hint))
      screen.append(highlight(rect, watching && step.action === 'tap' ? T.tapHere : null));

    parts.phone = el('div', { class: 'hocso-phone', role: 'group', 'aria-label': T.phone },
      el('div', { class: 'hocso-speaker', 'aria-hidden': 'true' }),
      screen,
      el('div', { class: 'hocso-home', 'aria-hidden': 'true' }));
    return parts;
  }

  function ripple (screen, x, y) {
    const dot = el('span', { class: 'hocso-ripple', 'aria-hidden': 'true' });
    dot.style.left = (100 * x / walk.device.width) + '%';
    dot.style.top = (100 * y / walk.device.height) + '%';
    screen.append(dot);
    setTimeout(() => dot.remove(), 700);
  }

  // The phone's size: as large as the window's height allows, and never so
  // small that the smallest target falls under 48 px on the screen.  Beside
  // the instruction when there is room for both, else below it.
  function fit () {
    if (!current || !walk)
      return;
    const device = walk.device;
    const phone = current.parts.phone;
    const screen = current.parts.screen;
    const style = getComputedStyle(phone);
    const chromeX = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) +
                    parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth);
    const chromeY = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) +
                    parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth) +
                    phone.querySelector('.hocso-speaker').offsetHeight + phone.querySelector('.hocso-home').offsetHeight;
    const main = getComputedStyle(root);
    const padX = parseFloat(main.paddingLeft) + parseFloat(main.paddingRight);
    const gap = parseFloat(getComputedStyle(current.stage).columnGap) || 0;
    const em = parseFloat(main.fontSize) || 20;
    // Page zoom makes CSS pixels larger; the floor is in screen pixels.
    const floor = MIN_TARGET / ((walk.min_target || MIN_TARGET) * zoom);
    const heightScale = (window.innerHeight - parseFloat(main.paddingTop) - chromeY) / device.height;
    let scale = Math.max(floor, Math.min(heightScale, 1.5));
    const stacked = window.innerWidth - padX - gap - (device.width * scale + chromeX) < 12 * em;
    if (stacked)
      scale = Math.max(floor, Math.min((window.innerWidth - padX - chromeX) / device.width, heightScale, 1.5));
    current.stage.classList.toggle('hocso-stacked', stacked);
    screen.style.width = Math.floor(device.width * scale) + 'px';
    screen.style.height = Math.floor(device.height * scale) + 'px';
    screen.style.setProperty('--scale', String(scale));
  }

  // How many screen pixels a CSS pixel takes: the app's text size and the
  // lesson's own zoom.  Rounded down, so the phone errs on the large side.
  let zoom = 1;
  async function measureZoom () {
    try {
      const size = await ask('view-size');
      if (size && size.width > 0 && window.innerWidth > 0)
        zoom = Math.max(0.25, Math.floor(100 * size.width / window.innerWidth) / 100);
    } catch (e) {
      zoom = 1;
    }
    fit();
  }

  window.addEventListener('resize', measureZoom);

  function renderStep (view, message) {
    const step = view.step;
    const mode = view.mode;
    const watching = mode === 'watch';

    const act = guarded(async function (action) {
      const reply = await ask('walkthrough-act', { action: action });
      busy = false;
      answered(reply);
    });

    const parts = buildPhone(view, act);
    const messages = el('div', { class: 'hocso-messages', role: 'status', 'aria-live': 'polite' },
      ...messageNodes(message, view));

    let options = null;
    if (step.action === 'choice') {
      const showAnswer = watching || view.show_hint;
      options = el('div', { class: 'hocso-options', role: 'group', 'aria-label': T.chooseOne },
        el('p', { class: 'hocso-options-label', text: T.chooseOne }),
        ...step.options.map((option) => {
          const right = showAnswer && option.id === step.answer;
          const node = el('button', { type: 'button', class: 'hocso-option' + (right ? ' hocso-answer' : ''),
                                      'data-option': option.id, disabled: watching },
            right ? el('span', { class: 'hocso-tick', 'aria-hidden': 'true', text: '✓' }) : null,
            el('span', { text: option.text }));
          if (!watching)
            node.addEventListener('click', () => act({ choice: option.id }));
          return node;
        }));
    }

    let narration = null;
    if (step.narration) {
      // Nothing loads before lesson.js has pointed it at the media server:
      // WebKit stalls on a sound it cannot fetch.
      narration = el('audio', { class: 'hocso-narration', preload: 'none', src: '/' + step.narration });
      if (watching)
        narration.addEventListener('ended', () => scheduleNext(view, 1200));
    }

    parts.submit = () => {
      if (!parts.field)
        return;
      if (!parts.field.value.trim()) {
        messages.replaceChildren(el('p', { class: 'hocso-message hocso-note', text: T.typeFirst }));
        parts.field.focus();
        return;
      }
      act({ text: parts.field.value });
    };

    const counter = step.position
      ? fmt(T.stepOf, { n: step.position, total: view.total })
      : T.aside;
    const panel = el('section', { class: 'hocso-panel' },
      el('div', { class: 'hocso-progress' },
        el('span', { class: 'hocso-mode-name hocso-mode-name-' + mode, text: T[mode] }),
        el('span', { class: 'hocso-count', text: counter }),
        el('progress', { max: view.total, value: view.done,
                         'aria-label': fmt(T.doneOf, { done: view.done, total: view.total }) })),
      el('h2', { class: 'hocso-instruction', id: 'hocso-instruction', tabindex: '-1', text: step.instruction }),
      step.label ? el('p', { class: 'hocso-label', text: step.label }) : null,
      narration,
      narration && !watching ? button(T.listen, () => served(narration).then(() => {
        narration.currentTime = 0;
        return narration.play();
      }).catch(() => {}), 'hocso-listen') : null,
      messages,
      options);

    const controls = el('div', { class: 'hocso-controls' });
    if (watching) {
      const position = step.position;
      add(controls,
        button(T.previousStep, () => watchGo(position - 1)),
        el('button', { type: 'button', class: 'hocso-button hocso-pause', 'aria-pressed': String(paused),
                       onclick: () => togglePause(view) }, paused ? T.play : T.pause),
        button(T.nextStep, () => (position >= view.total ? renderWatched(view) : watchGo(position + 1)), 'primary'));
      if (position <= 1)
        controls.firstChild.disabled = true;
    } else if (step.action === 'type') {
      controls.append(button(T.typed, parts.submit, 'primary'));
    }
    controls.append(button(T.leave, showStart, 'hocso-leave'));

    const stage = el('div', { class: 'hocso-stage hocso-stage-' + mode },
      panel,
      el('div', { class: 'hocso-phone-wrap' }, parts.phone),
      controls);

    show(stage);
    current = { view: view, parts: parts, messages: messages, stage: stage };
    fit();

    // Where the learner acts next gets the focus: the box to type into,
    // else the instruction, which a screen reader reads.
    if (parts.field && !watching)
      parts.field.focus({ preventScroll: true });
    else
      panel.querySelector('h2').focus({ preventScroll: true });

    if (watching)
      playStep(view, parts, narration);
  }

  // What became of an action.  A miss stays on the step as it is, so the
  // focus stays where the learner was; anything else shows the next view.
  function answered (reply) {
    const view = reply.view;
    if (reply.outcome === 'guard') {
      // What looked like real data leaves the screen at once.
      if (current && current.parts.field)
        current.parts.field.value = '';
      showGuard(reply.message, view);
      return;
    }
    if (reply.outcome === 'miss' && current && !view.finished && view.step.id === current.view.step.id) {
      const hintNow = view.show_hint && !current.view.show_hint;
      current.view = view;
      current.messages.replaceChildren(...messageNodes({ kind: 'miss', text: T.miss, feedback: reply.feedback }, view));
      shake(current.parts.phone);
      if (hintNow) {
        const step = view.step;
        const rect = step.action === 'tap' ? step.target : step.action === 'type' ? step.field : null;
        if (rect)
          current.parts.screen.append(highlight(rect, null));
        const answer = step.answer && current.stage.querySelector('[data-option="' + CSS.escape(step.answer) + '"]');
        if (answer) {
          answer.classList.add('hocso-answer');
          answer.prepend(el('span', { class: 'hocso-tick', 'aria-hidden': 'true', text: '✓' }));
        }
      }
      if (current.parts.field)
        current.parts.field.select();
      return;
    }
    const kind = reply.outcome === 'right' ? 'right' : 'warn';
    render(view, { kind: kind, text: reply.outcome === 'right' ? T.right : null, feedback: reply.feedback });
  }

  function shake (phone) {
    phone.classList.remove('hocso-shake');
    // Restart the animation.
    void phone.offsetWidth;
    phone.classList.add('hocso-shake');
    setTimeout(() => phone.classList.remove('hocso-shake'), 600);
  }

  // The fake-data guard: everything stops for a calm explanation, then the
  // learner goes back to the step with an empty box.
  function showGuard (message, view) {
    stopWatching();
    const stage = current ? current.stage : null;
    if (stage)
      stage.inert = true;
    const back = button(T.guardBack, () => {
      overlay.remove();
      renderStep(view, null);
    }, 'primary');
    const overlay = el('div', { class: 'hocso-guard', role: 'alertdialog', 'aria-modal': 'true',
                                'aria-labelledby': 'hocso-guard-title', 'aria-describedby': 'hocso-guard-text' },
      el('div', { class: 'hocso-guard-box' },
        el('div', { class: 'hocso-guard-sign', 'aria-hidden': 'true', text: '✋' }),
        el('h2', { id: 'hocso-guard-title', text: T.guardTitle }),
        el('p', { id: 'hocso-guard-text', text: message }),
        el('div', { class: 'hocso-actions' }, back)));
    overlay.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        back.click();
      }
    });
    root.append(overlay);
    back.focus();
  }

  // --- Watch: the steps play by themselves --------------------------------

  // Resolves once lesson.js has given @media its media server address.
  function served (media) {
    return new Promise((resolve) => {
      const ready = () => (media.getAttribute('src') || '').startsWith('http');
      if (ready())
        return resolve();
      const observer = new MutationObserver(() => {
        if (ready()) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(media, { attributes: true, attributeFilter: ['src'] });
    });
  }

  function readingTime (text) {
    return Math.min(15000, 3500 + 60 * String(text || '').length);
  }

  function scheduleNext (view, delay) {
    clearTimeout(watchTimer);
    if (paused)
      return;
    watchTimer = setTimeout(() => {
      watchTimer = 0;
      if (view.step.position >= view.total)
        renderWatched(view);
      else
        watchGo(view.step.position + 1);
    }, delay);
  }

  function playStep (view, parts, narration) {
    const step = view.step;
    if (paused) {
      if (parts.field && step.value)
        parts.field.value = step.value;
      return;
    }
    if (step.action === 'type' && parts.field && step.value) {
      let typed = 0;
      parts.field.value = '';
      typingTimer = setInterval(() => {
        parts.field.value = step.value.slice(0, ++typed);
        if (typed >= step.value.length) {
          clearInterval(typingTimer);
          typingTimer = 0;
        }
      }, 140);
    }
    if (narration) {
      // The sound plays once lesson.js has pointed it at the media server,
      // and the step goes on when it ends.  Should it never play (the
      // first sound of a session can take seconds to start), the step goes
      // on a while after reading time.
      served(narration).then(() => {
        if (!paused && current && current.view === view)
          return narration.play();
      }).catch(() => {});
      watchTimer = setTimeout(() => {
        if (narration.paused && !narration.ended)
          scheduleNext(view, 0);
      }, readingTime(step.instruction) + 5000);
      return;
    }
    scheduleNext(view, readingTime(step.instruction) + (step.value ? 140 * step.value.length : 0));
  }

  function togglePause (view) {
    paused = !paused;
    const pauseButton = current && current.stage.querySelector('.hocso-pause');
    if (pauseButton) {
      pauseButton.textContent = paused ? T.play : T.pause;
      pauseButton.setAttribute('aria-pressed', String(paused));
    }
    if (paused) {
      stopWatching();
      if (current && current.parts.field && view.step.value)
        current.parts.field.value = view.step.value;
    } else if (current) {
      playStep(view, current.parts, current.stage.querySelector('audio.hocso-narration'));
    }
  }

  const watchGo = guarded(async function (position) {
    stopWatching();
    const view = await ask('walkthrough-watch', { position: position });
    busy = false;
    renderStep(view, null);
  });

  function renderWatched (view) {
    show(el('h1', { text: fmt(T.watchedAll, { total: view.total }) }),
      el('div', { class: 'hocso-actions' },
        button(T.tryNow, () => start('try'), 'primary'),
        button(T.watchAgain, () => start('watch')),
        button(T.takeTest, () => start('test')),
        button(T.leave, showStart)));
  }

  // --- the ends -------------------------------------------------------------

  function renderTried (view) {
    show(el('h1', { text: T.triedTitle }),
      el('p', { class: 'hocso-pass', text: fmt(T.triedText, { total: view.total }) }),
      el('div', { class: 'hocso-actions' },
        button(T.takeTest, () => start('test'), 'primary'),
        button(T.tryAgain, () => start('try')),
        button(T.leave, showStart)));
  }

  function renderResult (result) {
    const need = needed(result.pass_mark, result.total);
    const toPractise = (result.steps || []).filter((step) => !step.correct);
    const parts = [
      el('h1', { text: T.resultTitle }),
      el('p', { class: 'hocso-score', text: result.right + '/' + result.total }),
      el('p', { class: 'hocso-result-words', text: fmt(T.resultSteps, { right: result.right, total: result.total }) }),
      el('p', { class: result.passed ? 'hocso-pass' : 'hocso-fail', role: 'status',
                text: result.passed ? T.passed : fmt(T.notPassed, { need: need, total: result.total }) }),
    ];
    if (!result.passed && result.lesson_passed)
      parts.push(el('p', { text: T.keptPass }));
    parts.push(el('div', { class: 'hocso-actions' },
      button(T.retake, () => start('test'), result.passed ? null : 'primary'),
      button(T.tryWithHints, () => start('try')),
      button(T.leave, showStart, result.passed ? 'primary' : null)));
    if (toPractise.length) {
      parts.push(el('h2', { class: 'hocso-practise-title', text: T.practiseAgain }),
        el('ul', { class: 'hocso-practise' },
          ...toPractise.map((step) => el('li', {},
            el('strong', { text: fmt(T.stepOf, { n: step.position, total: result.total }) }), ' ', step.instruction))));
    } else {
      parts.push(el('p', { class: 'hocso-note', text: T.allRight }));
    }
    show(...parts);
  }

  function begin () {
    root = document.getElementById('hocso-walkthrough');
    if (!root)
      return;
    measureZoom();
    showStart();
  }

  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', begin, { once: true });
  else
    begin();
})();
