// quiz.js — the Học Số quiz player.
//
// Runs in the "hocso" script world on the app's quiz page.  It holds no
// answer key: it asks the app (HsQuizSession, through the "hocso" message
// handler) for one question at a time, posts each response and hands the
// attempt in; the app scores.  Every text it shows comes from the app —
// HOCSO_CONFIG.strings, translated there — or from the quiz, and goes into
// the page as text, never as markup.
(function () {
  'use strict';

  const config = (typeof HOCSO_CONFIG === 'object' && HOCSO_CONFIG) || {};
  if (config.kind !== 'quiz')
    return;

  const T = config.strings || {};
  const handler = window.webkit && window.webkit.messageHandlers &&
                  window.webkit.messageHandlers.hocso;

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

  function points (value) {
    return String(Math.round((value || 0) * 100) / 100).replace('.', ',');
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
    for (const child of children) {
      if (child === null || child === undefined || child === false)
        continue;
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return node;
  }

  // Appends the children that are there: a condition that did not hold
  // leaves null, which must not become the text "null".
  function add (parent, ...children) {
    parent.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
    return parent;
  }

  function button (label, onclick, kind) {
    return el('button', { type: 'button', class: 'hocso-button' + (kind ? ' ' + kind : ''), onclick: onclick }, label);
  }

  let root = null;
  let timer = 0;
  let busy = false;

  function show (...nodes) {
    clearInterval(timer);
    timer = 0;
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

  // Runs one request at a time: a double click never answers twice.  A
  // step that hands over to the next one (clearing `busy` itself first)
  // leaves `busy` to that one.
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

  // The start screen: what the quiz asks, the attempts, the best result.
  const showStart = guarded(async function () {
    const state = await ask('quiz-state');
    const facts = el('ul', { class: 'hocso-facts' },
      el('li', { text: fmt(T.questionCount, { n: state.questions }) }),
      el('li', { text: fmt(T.passMark, { percent: percent(state.pass_mark) }) }),
      state.time_limit ? el('li', { text: fmt(T.timeLimit, { minutes: Math.ceil(state.time_limit / 60) }) }) : null,
      state.attempts_limit
        ? el('li', { text: fmt(T.attemptsLeft, { left: state.attempts_left, limit: state.attempts_limit }) })
        : el('li', { text: T.attemptsUnlimited }));
    const actions = el('div', { class: 'hocso-actions' });
    const parts = [el('h1', { text: state.title }), facts];

    if (state.best_score !== null)
      parts.push(el('p', { class: state.passed ? 'hocso-pass' : 'hocso-best' },
                    fmt(state.passed ? T.bestPassed : T.best, { percent: percent(state.best_score) })));

    if (state.open) {
      parts.push(el('p', { text: fmt(T.unfinished, { answered: state.open.answered, total: state.open.total }) }));
      actions.append(button(T.resume, () => showQuestion(state.open.position), 'primary'));
    } else if (state.can_start) {
      actions.append(button(state.attempts_used > 0 ? T.tryAgain : T.start, startAttempt, 'primary'));
    } else {
      parts.push(el('p', { class: 'hocso-note', text: T.noAttemptsLeft }));
    }
    if (state.attempts_used > 0)
      actions.append(button(T.seeResults, showLatestResults));
    parts.push(actions);
    show(...parts);
  });

  const startAttempt = guarded(async function () {
    const state = await ask('quiz-start');
    busy = false;
    showQuestion(state.open ? state.open.position : 0);
  });

  const showLatestResults = guarded(async function () {
    const results = await ask('quiz-results');
    busy = false;
    if (results)
      renderResults(results);
    else
      showStart();
  });

  // --- one question ---------------------------------------------------

  function choiceList (question, saved, multiple) {
    const picked = new Set(multiple ? (saved && saved.choices) || [] : saved ? [saved.choice] : []);
    const name = 'q-' + question.id;
    const box = el('fieldset', { class: 'hocso-choices' },
      el('legend', { class: 'hocso-hint', text: multiple ? T.pickAll : T.pickOne }));
    for (const choice of question.choices) {
      box.append(el('label', { class: 'hocso-choice' },
        el('input', { type: multiple ? 'checkbox' : 'radio', name: name, value: choice.id,
                      checked: picked.has(choice.id) }),
        el('span', { text: choice.text })));
    }
    return {
      node: box,
      read () {
        const ids = [...box.querySelectorAll('input:checked')].map((input) => input.value);
        if (multiple)
          return ids.length ? { choices: ids } : null;
        return ids.length ? { choice: ids[0] } : null;
      },
    };
  }

  function trueFalse (question, saved) {
    const name = 'q-' + question.id;
    const box = el('fieldset', { class: 'hocso-choices hocso-true-false' },
      el('legend', { class: 'hocso-hint', text: T.pickOne }));
    for (const [value, label] of [[true, T.true], [false, T.false]]) {
      box.append(el('label', { class: 'hocso-choice' },
        el('input', { type: 'radio', name: name, value: String(value),
                      checked: saved && saved.answer === value }),
        el('span', { text: label })));
    }
    return {
      node: box,
      read () {
        const input = box.querySelector('input:checked');
        return input ? { answer: input.value === 'true' } : null;
      },
    };
  }

  function fillIn (question, saved, submit) {
    const input = el('input', { type: 'text', class: 'hocso-text', 'aria-label': T.yourAnswer,
                                autocomplete: 'off', spellcheck: 'false' });
    input.value = (saved && saved.text) || '';
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        submit();
      }
    });
    return {
      node: el('label', { class: 'hocso-fill' }, el('span', { class: 'hocso-hint', text: T.typeAnswer }), input),
      read () {
        return input.value.trim() ? { text: input.value } : null;
      },
    };
  }

  function ordering (question, saved) {
    const byId = new Map(question.items.map((item) => [item.id, item]));
    let order = saved && saved.order ? saved.order.filter((id) => byId.has(id)) : question.items.map((item) => item.id);
    const list = el('ol', { class: 'hocso-order' });

    function move (index, by, focusClass) {
      const target = index + by;
      if (target < 0 || target >= order.length)
        return;
      [order[index], order[target]] = [order[target], order[index]];
      render();
      const row = list.children[target];
      const again = row && row.querySelector(focusClass);
      (again && !again.disabled ? again : row.querySelector('button:not([disabled])')).focus();
    }

    function render () {
      list.replaceChildren(...order.map((id, index) => {
        const text = byId.get(id).text;
        return el('li', { class: 'hocso-order-item' }, el('div', { class: 'hocso-order-row' },
          el('span', { class: 'hocso-order-text', text: text }),
          el('span', { class: 'hocso-order-buttons' },
            el('button', { type: 'button', class: 'hocso-move up', disabled: index === 0,
                           'aria-label': fmt(T.moveUp, { item: text }),
                           onclick: () => move(index, -1, '.up') }, '▲'),
            el('button', { type: 'button', class: 'hocso-move down', disabled: index === order.length - 1,
                           'aria-label': fmt(T.moveDown, { item: text }),
                           onclick: () => move(index, 1, '.down') }, '▼'))));
      }));
    }
    render();

    return {
      node: el('div', {}, el('p', { class: 'hocso-hint', text: T.putInOrder }), list),
      read () {
        return { order: order.slice() };
      },
    };
  }

  function matching (question, saved) {
    const pairs = (saved && saved.pairs) || {};
    const selects = [];
    const box = el('div', { class: 'hocso-matching' }, el('p', { class: 'hocso-hint', text: T.matchEach }));
    for (const left of question.left) {
      const select = el('select', { class: 'hocso-select', 'data-left': left.id },
        el('option', { value: '' }, T.choose),
        ...question.right.map((right) => el('option', { value: right.id, selected: pairs[left.id] === right.id }, right.text)));
      selects.push(select);
      box.append(el('label', { class: 'hocso-pair' }, el('span', { class: 'hocso-left', text: left.text }), select));
    }
    return {
      node: box,
      read () {
        const out = {};
        for (const select of selects) {
          if (select.value)
            out[select.getAttribute('data-left')] = select.value;
        }
        return Object.keys(out).length ? { pairs: out } : null;
      },
    };
  }

  function answerWidget (question, saved, submit) {
    switch (question.type) {
      case 'single': return choiceList(question, saved, false);
      case 'multiple': return choiceList(question, saved, true);
      case 'true_false': return trueFalse(question, saved);
      case 'fill_in': return fillIn(question, saved, submit);
      case 'ordering': return ordering(question, saved);
      case 'matching': return matching(question, saved);
      default: throw new Error(fmt(T.unknownType, { type: question.type }));
    }
  }

  function clock (remaining) {
    const node = el('span', { class: 'hocso-clock', role: 'timer' });
    const end = Date.now() + remaining * 1000;
    function tick () {
      const left = Math.max(0, Math.round((end - Date.now()) / 1000));
      node.textContent = fmt(T.timeLeft, { minutes: Math.floor(left / 60), seconds: String(left % 60).padStart(2, '0') });
      node.classList.toggle('hocso-clock-low', left <= 60);
      if (left === 0) {
        clearInterval(timer);
        timer = 0;
        submitAttempt();
      }
    }
    tick();
    return { node: node, start () { timer = setInterval(tick, 1000); } };
  }

  const showQuestion = guarded(async function (position) {
    const view = await ask('quiz-question', { position: position });
    busy = false;
    renderQuestion(view);
  });

  function renderQuestion (view) {
    const question = view.question;
    const last = view.position === view.total - 1;
    const afterEach = view.show_answers === 'after_each';
    const reviewBox = el('div', { class: 'hocso-review-box' });
    const actions = el('div', { class: 'hocso-actions' });
    let answered = view.response !== null;
    let widget = null;

    const next = guarded(async function () {
      const response = widget.read();
      if (response && !(afterEach && answered))
        await ask('quiz-answer', { question: question.id, response: response });
      busy = false;
      if (last)
        confirmSubmit();
      else
        showQuestion(view.position + 1);
    });

    const check = guarded(async function () {
      const response = widget.read();
      if (!response) {
        busy = false;
        reviewBox.replaceChildren(el('p', { class: 'hocso-note', role: 'status', text: T.answerFirst }));
        return;
      }
      const reply = await ask('quiz-answer', { question: question.id, response: response });
      busy = false;
      answered = true;
      showReview(reply.review);
    });

    function showReview (review) {
      if (!review)
        return;
      for (const input of widget.node.querySelectorAll('input, select, button'))
        input.disabled = true;
      reviewBox.replaceChildren(reviewDetails(question, review, widget.read()));
      actions.replaceChildren();
      add(actions,
        view.position > 0 ? button(T.previous, () => showQuestion(view.position - 1)) : null,
        button(last ? T.finish : T.next, next, 'primary'));
      actions.lastChild.focus();
    }

    const primary = () => (afterEach && !answered ? check() : next());
    widget = answerWidget(question, view.response, primary);

    const header = el('div', { class: 'hocso-progress' },
      el('span', { class: 'hocso-count', text: fmt(T.questionOf, { n: view.position + 1, total: view.total }) }),
      el('progress', { max: view.total, value: view.answered, 'aria-label': fmt(T.answeredOf, { n: view.answered, total: view.total }) }));
    const timing = view.remaining !== null ? clock(view.remaining) : null;
    if (timing)
      header.append(timing.node);

    add(actions,
      view.position > 0 ? button(T.previous, () => showQuestion(view.position - 1)) : null,
      afterEach && !answered ? button(T.check, check, 'primary') : button(last ? T.finish : T.next, next, 'primary'));

    show(header,
         el('h2', { class: 'hocso-question', text: question.text }),
         question.points !== 1 ? el('p', { class: 'hocso-points', text: fmt(T.worth, { points: points(question.points) }) }) : null,
         question.image ? el('img', { class: 'hocso-image', src: '/' + question.image, alt: T.picture }) : null,
         question.audio ? el('audio', { class: 'hocso-audio', controls: true, src: '/' + question.audio }) : null,
         widget.node,
         reviewBox,
         actions);
    if (timing)
      timing.start();
    if (afterEach && answered && view.review)
      showReview(view.review);
  }

  // Handing in: say plainly what is unanswered, and let them go back.
  const confirmSubmit = guarded(async function () {
    const state = await ask('quiz-state');
    busy = false;
    const open = state.open;
    if (!open)
      return showLatestResults();
    const missing = open.total - open.answered;
    if (missing === 0)
      return submitAttempt();
    show(el('h2', { text: T.handInTitle }),
         el('p', { text: fmt(T.unanswered, { n: missing }) }),
         el('div', { class: 'hocso-actions' },
           button(T.goBack, () => showQuestion(open.total - 1)),
           button(T.handIn, submitAttempt, 'primary')));
  });

  const submitAttempt = guarded(async function () {
    const results = await ask('quiz-submit');
    busy = false;
    renderResults(results);
  });

  // --- results and review -------------------------------------------------

  function textOf (list, id) {
    const found = (list || []).find((item) => item.id === id);
    return found ? found.text : id;
  }

  function describeResponse (question, response) {
    if (!response)
      return null;
    switch (question.type) {
      case 'single': return textOf(question.choices, response.choice);
      case 'multiple': return response.choices.length ? response.choices.map((id) => textOf(question.choices, id)).join('; ') : T.nothingPicked;
      case 'true_false': return response.answer ? T.true : T.false;
      case 'fill_in': return response.text;
      case 'ordering': return response.order.map((id) => textOf(question.items, id)).join(' → ');
      case 'matching':
        return question.left.map((left) => left.text + ' → ' +
          (response.pairs[left.id] ? textOf(question.right, response.pairs[left.id]) : T.notMatched)).join('; ');
      default: return '';
    }
  }

  function describeSolution (question, solution) {
    if (!solution)
      return null;
    if (solution.choices)
      return solution.choices.map((choice) => choice.text).join('; ');
    if ('answer' in solution)
      return solution.answer ? T.true : T.false;
    if (solution.accepted)
      return solution.accepted.join(' / ');
    if (solution.order)
      return solution.order.map((item) => item.text).join(' → ');
    if (solution.pairs)
      return solution.pairs.map((pair) => pair.left.text + ' → ' + pair.right.text).join('; ');
    return null;
  }

  function verdict (review) {
    if (!review.answered)
      return [T.notAnswered, 'none'];
    if (review.correct)
      return [T.right, 'right'];
    if (review.earned > 0)
      return [T.partly, 'partly'];
    return [T.wrong, 'wrong'];
  }

  function reviewDetails (question, review, response) {
    const [word, kind] = verdict(review);
    const given = describeResponse(question, response);
    const solution = describeSolution(question, review.solution);
    return el('div', { class: 'hocso-review hocso-' + kind, role: 'status' },
      el('p', { class: 'hocso-verdict', text: word }),
      given !== null ? el('p', {}, el('strong', { text: T.yourAnswerLabel }), ' ', given) : null,
      solution !== null && !review.correct ? el('p', {}, el('strong', { text: T.rightAnswerLabel }), ' ', solution) : null,
      ...(review.feedback || []).map((line) => el('p', { class: 'hocso-feedback', text: line })),
      review.explanation ? el('p', { class: 'hocso-explanation' }, el('strong', { text: T.whyLabel }), ' ', review.explanation) : null);
  }

  function renderResults (results) {
    const parts = [
      el('h1', { text: T.resultsTitle }),
      el('p', { class: 'hocso-score' }, fmt(T.score, { percent: percent(results.score) })),
      el('p', { class: 'hocso-points', text: fmt(T.pointsOf, { earned: points(results.earned), max: points(results.max) }) }),
    ];
    if (results.ended_by === 'time_limit')
      parts.push(el('p', { class: 'hocso-note', text: T.timeUp }));
    parts.push(el('p', { class: results.passed ? 'hocso-pass' : 'hocso-fail', role: 'status',
                         text: results.passed ? T.passed : fmt(T.notPassed, { percent: percent(results.pass_mark) }) }));
    if (!results.passed && results.lesson_passed)
      parts.push(el('p', { text: fmt(T.keptBest, { percent: percent(results.best_score) }) }));
    if (results.attempts_left !== null)
      parts.push(el('p', { text: fmt(T.attemptsLeftNow, { left: results.attempts_left }) }));

    const actions = el('div', { class: 'hocso-actions' },
      results.can_retry ? button(T.tryAgain, startAttempt, results.passed ? null : 'primary') : null,
      button(T.backToStart, showStart));
    parts.push(actions);

    if (results.review) {
      const list = el('ol', { class: 'hocso-review-list', 'aria-label': T.reviewTitle });
      for (const item of results.review) {
        list.append(el('li', {},
          el('h3', { text: item.question.text }),
          reviewDetails(item.question, item.review, item.response)));
      }
      parts.push(el('h2', { class: 'hocso-review-title', text: T.reviewTitle }), list);
    } else {
      parts.push(el('p', { class: 'hocso-note', text: T.noReview }));
    }
    show(...parts);
  }

  function begin () {
    root = document.getElementById('hocso-quiz');
    if (root)
      showStart();
  }

  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', begin, { once: true });
  else
    begin();
})();
