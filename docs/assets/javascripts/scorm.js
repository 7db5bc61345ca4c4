/* SCORM 1.2 reporting, in the SCORM package only (`make scorm`; hooks/scorm_package.py).
   Loaded in <head> of every page, after the vendored API wrapper (window.GamestdioScorm), and
   before mkdocs-quiz reads its saved progress. Without a learning platform (LMS) it does
   nothing: the course behaves exactly like the site.

   With an LMS API (found by the wrapper through parent and opener windows):
   - first launch: cmi.core.lesson_status = incomplete (the wrapper does it);
   - final assessment completed: passed or failed (the attestation's rule, data-pass-percent on
     its widget), cmi.core.score.raw 0-100 (rounded as on the page), score.min 0, score.max 100;
     once passed, a failed retake changes nothing (the LMS keeps the pass and its score);
   - cmi.suspend_data keeps the quiz answers and the self-audit (localStorage), restored at a
     new launch, so progress follows the learner from one device to another (format below);
   - LMSCommit after each change, cmi.core.session_time and LMSFinish when the course closes.
   The course is many pages in one SCO: leaving for another page of the package (a link, back,
   forward, reload) commits without finishing, and the next page carries on the same LMS
   session (LMSInitialize answers 101, "already initialized"). Links out of the package open in a new tab, the course stays.
   The pages that store progress show what the LMS records (#scorm-notice, overrides/main.html).

   suspend_data (SCORM 1.2 allows 4,096 characters), version 1:
     1|q<page>=<answers>|q<page>=<answers>|a<yes ids>/<no ids>
   <page> is the page's path in the package without ".html"; <answers> has one token per
   question, in order (quiz-0, quiz-1...): "." not answered; one base64url character for a
   choice question, bits 0-4 = choices ticked, bit 5 = right; or "[" + "1" (right) or "0" +
   the answers given, each encodeURIComponent'd, comma-separated, + "]" (fill-in-the-blank,
   or a choice beyond the fifth). "a" lists the self-audit items answered « oui », then « non ».
   Over 4,096 characters, the least needed goes first: the typed fill-in text (right or wrong
   is kept), then the chapter quizzes (last pages first), then the self-audit. The final
   assessment is never dropped; if it alone were too long, nothing is written. */
(() => {
  "use strict";

  const LIMIT = 4096;
  const VERSION = "1";
  const ASSESSMENT = "evaluation-finale";
  const QUIZ_PREFIX = "quiz_progress_";
  const SELF_AUDIT = "pds-autodiagnostic";
  const COURSE_KEYS = [SELF_AUDIT, "pds-attestation"];
  const SESSION_START = "pds-scorm-session-start";
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const ID = /^[a-z0-9-]+$/;

  const script = document.currentScript;
  const root = new URL("../../", script.src).pathname; // this file is assets/javascripts/scorm.js

  // ---- Encoding (pure functions, exposed for the tests) ----

  function quizToken(state) {
    if (!state || !state.answered) return ".";
    const values = Array.isArray(state.selectedValues) ? state.selectedValues.map(String) : [];
    if (values.every((value) => /^[0-4]$/.test(value))) {
      const mask = values.reduce((bits, value) => bits | (1 << Number(value)), 0);
      return B64[mask | (state.correct ? 32 : 0)];
    }
    return "[" + (state.correct ? "1" : "0") + values.map(encodeURIComponent).join(",") + "]";
  }

  function pageAnswers(quizzes, withText) {
    const tokens = [];
    for (const [id, state] of Object.entries(quizzes)) {
      const match = /^quiz-(\d+)$/.exec(id);
      if (!match) continue;
      let token = quizToken(state);
      if (!withText && token[0] === "[") token = token.slice(0, 2) + "]";
      tokens[Number(match[1])] = token;
    }
    return Array.from(tokens, (token) => token || ".").join("").replace(/\.+$/, "");
  }

  // progress: {quizzes: {page: {quiz-0: state...}}, audit: {id: "oui" | "non"}}
  function encode(progress) {
    const pages = Object.keys(progress.quizzes).sort((a, b) =>
      (b === ASSESSMENT) - (a === ASSESSMENT) || (a < b ? -1 : a > b ? 1 : 0));
    const yes = [];
    const no = [];
    for (const [id, value] of Object.entries(progress.audit || {})) {
      if (!ID.test(id)) continue;
      if (value === "oui") yes.push(id);
      else if (value === "non") no.push(id);
    }
    const audit = yes.length || no.length ? "a" + yes.join(",") + "/" + no.join(",") : "";
    const section = (page, withText) => {
      const answers = pageAnswers(progress.quizzes[page], withText);
      return answers ? "q" + page + "=" + answers : "";
    };
    const join = (parts) => [VERSION, ...parts.filter(Boolean)].join("|");
    const attempts = [
      () => [...pages.map((page) => section(page, true)), audit],
      () => [...pages.map((page) => section(page, false)), audit],
    ];
    for (let kept = pages.length - 1; kept >= 1; kept -= 1) {
      attempts.push(() => [...pages.slice(0, kept).map((page) => section(page, false)), audit]);
    }
    attempts.push(() => pages.slice(0, 1).map((page) => section(page, false)));
    for (const attempt of attempts) {
      const data = join(attempt());
      if (data.length <= LIMIT) return data;
    }
    return null; // too long even with the final assessment alone: keep what the LMS has
  }

  function decodeAnswers(answers) {
    const quizzes = {};
    let index = 0;
    for (let at = 0; at < answers.length; index += 1) {
      const char = answers[at];
      if (char === ".") {
        at += 1;
      } else if (char === "[") {
        const end = answers.indexOf("]", at);
        if (end < 0) break;
        const body = answers.slice(at + 2, end);
        quizzes["quiz-" + index] = {
          answered: true, correct: answers[at + 1] === "1",
          selectedValues: body ? body.split(",").map(decodeURIComponent) : [],
        };
        at = end + 1;
      } else {
        const bits = B64.indexOf(char);
        if (bits < 0) break;
        const selectedValues = [0, 1, 2, 3, 4].filter((n) => bits & (1 << n)).map(String);
        quizzes["quiz-" + index] = { answered: true, correct: (bits & 32) > 0, selectedValues };
        at += 1;
      }
    }
    return quizzes;
  }

  function decode(data) {
    const parts = String(data || "").split("|");
    const progress = { quizzes: {}, audit: {} };
    if (parts[0] !== VERSION) return progress;
    for (const part of parts.slice(1)) {
      if (part[0] === "q" && part.includes("=")) {
        const page = part.slice(1, part.indexOf("="));
        progress.quizzes[page] = decodeAnswers(part.slice(part.indexOf("=") + 1));
      } else if (part[0] === "a") {
        const [yes, no] = part.slice(1).split("/");
        for (const id of (yes || "").split(",")) if (ID.test(id)) progress.audit[id] = "oui";
        for (const id of (no || "").split(",")) if (ID.test(id)) progress.audit[id] = "non";
      }
    }
    return progress;
  }

  // ---- localStorage: what mkdocs-quiz and the self-audit keep in this browser ----

  function readLocal() {
    const progress = { quizzes: {}, audit: {} };
    const start = QUIZ_PREFIX + root;
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (!key.startsWith(start) || !key.endsWith(".html")) continue;
      try {
        const quizzes = JSON.parse(localStorage.getItem(key));
        if (quizzes && typeof quizzes === "object") {
          progress.quizzes[key.slice(start.length, -".html".length)] = quizzes;
        }
      } catch {
        // not mkdocs-quiz's JSON: left out
      }
    }
    try {
      const saved = JSON.parse(localStorage.getItem(SELF_AUDIT));
      if (saved && saved.answers && typeof saved.answers === "object") progress.audit = saved.answers;
    } catch {
      // unreadable self-audit: left out
    }
    return progress;
  }

  // A new LMS session: the LMS record is the learner's progress. What this browser holds for
  // the course (perhaps another learner's, on a shared workstation) is replaced by it.
  function writeLocal(progress) {
    const start = QUIZ_PREFIX + root;
    const stale = [];
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key.startsWith(start) || COURSE_KEYS.includes(key)) stale.push(key);
    }
    stale.forEach((key) => localStorage.removeItem(key));
    for (const [page, quizzes] of Object.entries(progress.quizzes)) {
      localStorage.setItem(start + page + ".html", JSON.stringify(quizzes));
    }
    if (Object.keys(progress.audit).length) {
      localStorage.setItem(SELF_AUDIT, JSON.stringify({ version: 1, answers: progress.audit }));
    }
  }

  window.pdsScorm = { encode, decode, LIMIT };

  // ---- The LMS session ----

  const wrapper = window.GamestdioScorm && window.GamestdioScorm.scorm;
  if (!wrapper) return;
  wrapper.configure({ version: "1.2", handleCompletionStatus: true, handleExitMode: true });
  wrapper.isDebugActive = false; // no console output

  let api = null;
  let fresh = false;
  try {
    fresh = wrapper.initialize();
    if (!fresh && wrapper.getLastError() === 101) {
      // Already initialized by the previous page of this SCO: same session, carry on.
      wrapper.isActive = true;
      wrapper.get("cmi.core.lesson_status");
      if (wrapper.getLastError() !== 0) wrapper.isActive = false;
    }
    if (wrapper.isActive) api = wrapper;
  } catch {
    api = null; // a parent or opener from another origin: no LMS
  }
  if (!api) return;

  const now = () => Date.now();
  let started = now();
  try {
    if (fresh) sessionStorage.setItem(SESSION_START, String(started));
    else started = Number(sessionStorage.getItem(SESSION_START)) || started;
  } catch {
    // sessionStorage disabled: this page's time only
  }

  let lastData = api.get("cmi.suspend_data");
  if (fresh && api.getLastError() === 0) {
    try {
      writeLocal(decode(lastData));
    } catch {
      // storage disabled: progress is not restored, the LMS record stays as it is
    }
  }

  function sessionTime() {
    const centis = Math.floor((now() - started) / 10);
    const pad = (n, width) => String(n).padStart(width, "0");
    const hours = Math.min(9999, Math.floor(centis / 360000));
    return pad(hours, 4) + ":" + pad(Math.floor(centis / 6000) % 60, 2) + ":" +
      pad(Math.floor(centis / 100) % 60, 2) + "." + pad(centis % 100, 2);
  }

  function saveProgress() {
    let data;
    try {
      data = encode(readLocal());
    } catch {
      return false;
    }
    if (data === null || data === lastData) return false;
    if (api.set("cmi.suspend_data", data)) lastData = data;
    return true;
  }

  let pending = 0;
  function sync() {
    pending = 0;
    if (saveProgress()) api.commit();
  }
  function scheduleSync() {
    if (!pending) pending = setTimeout(sync, 0); // after the page's own handlers have saved
  }

  let reported = api.get("cmi.core.lesson_status") + " " + api.get("cmi.core.score.raw");

  function report(progress) {
    const widget = document.getElementById("attestation-widget"); // the final assessment's
    if (!widget || !progress || !progress.total || progress.answered < progress.total) return;
    const passPercent = Number(widget.dataset.passPercent);
    const status = progress.correct * 100 >= progress.total * passPercent ? "passed" : "failed";
    const raw = String(Math.round((progress.correct / progress.total) * 100));
    if (reported === status + " " + raw) return;
    if (reported.startsWith("passed ") && status === "failed") return; // a retake keeps the pass
    api.set("cmi.core.score.min", "0");
    api.set("cmi.core.score.max", "100");
    api.set("cmi.core.score.raw", raw);
    api.set("cmi.core.lesson_status", status);
    reported = status + " " + raw;
    saveProgress();
    api.commit();
  }

  // mkdocs-quiz fires quizProgressUpdate on load, after each answer and on reset; the
  // self-audit saves on each change; both write localStorage first.
  window.addEventListener("quizProgressUpdate", (event) => {
    scheduleSync();
    report(event.detail);
  });
  window.addEventListener("change", scheduleSync);
  window.addEventListener("click", scheduleSync);

  // Leaving for a page of this SCO (link, back or forward, reload): the session goes on there.
  let navigating = false;
  const inside = (url) => url.origin === location.origin && url.pathname.startsWith(root);
  if (window.navigation) {
    window.navigation.addEventListener("navigate", (event) => {
      // Not history.replaceState() and the like (Material and mkdocs-quiz use it): same page.
      if (event.destination.sameDocument) return;
      if (inside(new URL(event.destination.url))) navigating = true;
    });
  }
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href]");
    if (!link || event.defaultPrevented) return;
    const url = new URL(link.href, location.href);
    if (!inside(url)) {
      link.target = "_blank"; // a source on another site: the course stays in the LMS
      link.rel = "noopener";
    } else if (link.target !== "_blank" && url.pathname !== location.pathname) {
      navigating = true; // browsers without the Navigation API
    }
  }, true);

  // The pages that say progress stays in the browser also say what the LMS records.
  document.addEventListener("DOMContentLoaded", () => {
    const notice = document.getElementById("scorm-notice");
    if (!notice) return;
    notice.classList.add("admonition", "info");
    notice.hidden = false;
  });

  window.addEventListener("pagehide", () => {
    if (pending) clearTimeout(pending);
    saveProgress();
    api.set("cmi.core.session_time", sessionTime());
    if (navigating) api.commit();
    else api.terminate(); // commits, sets cmi.core.exit (suspend until passed), LMSFinish
  });

  saveProgress() && api.commit();
})();
