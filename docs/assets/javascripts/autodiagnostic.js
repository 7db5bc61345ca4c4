/* Autodiagnostic du cabinet (docs/outils/autodiagnostic.md).
   The form is generated at build time by hooks/autodiagnostic.py. This script
   keeps the answers in this browser only (localStorage key "pds-autodiagnostic"; nothing is
   sent anywhere), restores them on load, and recomputes the scores and the action plan on
   every change. Loaded only on that page, through overrides/autodiagnostic.html. */
(() => {
  "use strict";

  const STORAGE_KEY = "pds-autodiagnostic";
  const PRIORITY_LABELS = { 1: "Urgent", 2: "Important", 3: "Utile" };
  const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
    "septembre", "octobre", "novembre", "décembre"];

  const summary = document.getElementById("autodiag-summary");
  if (!summary) return;
  const actionList = summary.querySelector("[data-autodiag-actions]");

  // Document order is theme order, then item order within a theme.
  const items = Array.from(document.querySelectorAll(".autodiag-item"), (element, order) => {
    const theme = element.closest(".autodiag-theme");
    const link = element.querySelector(".autodiag-more a");
    return {
      id: element.dataset.id,
      priority: Number(element.dataset.priority),
      action: element.dataset.action,
      theme: theme.dataset.theme,
      themeTitle: theme.querySelector("legend").textContent.trim(),
      href: link ? link.getAttribute("href") : "",
      section: link ? link.textContent.trim() : "",
      order,
      radios: Array.from(element.querySelectorAll('input[type="radio"]')),
    };
  });

  function readAnswers() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY));
      return saved && typeof saved.answers === "object" && saved.answers ? saved.answers : {};
    } catch {
      return {}; // storage disabled or unreadable: start with an empty form
    }
  }

  function saveAnswers(answers) {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: 1, answers }));
    } catch {
      // storage full or disabled: the answers last until the page is closed
    }
  }

  function formAnswers() {
    const answers = {};
    for (const item of items) {
      const checked = item.radios.find((radio) => radio.checked);
      if (checked) answers[item.id] = checked.value;
    }
    return answers;
  }

  function setText(element, text) {
    if (element.textContent !== text) element.textContent = text; // only changes are announced
  }

  function frenchDate(day) {
    const number = day.getDate() === 1 ? "1er" : String(day.getDate());
    return `${number} ${MONTHS[day.getMonth()]} ${day.getFullYear()}`;
  }

  function showDate() {
    const today = new Date();
    const time = summary.querySelector("[data-autodiag-date]");
    const iso = [today.getFullYear(), today.getMonth() + 1, today.getDate()]
      .map((part) => String(part).padStart(2, "0")).join("-");
    time.setAttribute("datetime", iso);
    setText(time, frenchDate(today));
  }

  function renderScores(answers) {
    for (const row of summary.querySelectorAll("tr[data-theme]")) {
      const themed = items.filter((item) => item.theme === row.dataset.theme);
      const yes = themed.filter((item) => answers[item.id] === "oui").length;
      const no = themed.filter((item) => answers[item.id] === "non").length;
      setText(row.querySelector('[data-cell="oui"]'), String(yes));
      setText(row.querySelector('[data-cell="non"]'), String(no));
      setText(row.querySelector('[data-cell="vide"]'), String(themed.length - yes - no));
      setText(row.querySelector('[data-cell="score"]'), `${yes} sur ${themed.length}`);
    }
    const yes = items.filter((item) => answers[item.id] === "oui").length;
    const no = items.filter((item) => answers[item.id] === "non").length;
    const percent = Math.round((100 * yes) / items.length);
    setText(summary.querySelector("[data-autodiag-overall]"),
      `Score global : ${yes} « Oui » sur ${items.length} questions (${percent} %). ` +
      `Vous avez répondu à ${yes + no} questions sur ${items.length}.`);
  }

  function actionEntry(item) {
    const entry = document.createElement("li");
    entry.dataset.id = item.id;
    entry.dataset.priority = String(item.priority);
    const badge = document.createElement("span");
    badge.className = `autodiag-priority autodiag-priority--${item.priority}`;
    badge.textContent = PRIORITY_LABELS[item.priority];
    const theme = document.createElement("span");
    theme.className = "autodiag-action-theme";
    theme.textContent = item.themeTitle;
    const link = document.createElement("a");
    link.href = item.href;
    link.textContent = item.section;
    entry.append(badge, " ", theme, ` : ${item.action} Voir `, link, ".");
    return entry;
  }

  // Keyed update: entries already listed stay in place, so a screen reader announces only
  // the actions that appear (the sort order never moves two existing entries past each other).
  function renderActions(answers) {
    const wanted = items.filter((item) => answers[item.id] === "non")
      .sort((a, b) => a.priority - b.priority || a.order - b.order);
    const ids = new Set(wanted.map((item) => item.id));
    const listed = new Map();
    for (const entry of Array.from(actionList.children)) {
      if (ids.has(entry.dataset.id)) listed.set(entry.dataset.id, entry);
      else entry.remove();
    }
    let cursor = actionList.firstElementChild;
    for (const item of wanted) {
      const entry = listed.get(item.id) || actionEntry(item);
      if (entry === cursor) cursor = cursor.nextElementSibling;
      else actionList.insertBefore(entry, cursor);
    }
    summary.querySelector("[data-autodiag-empty]").hidden = wanted.length > 0;
  }

  function render(answers) {
    renderScores(answers);
    renderActions(answers);
  }

  function restore(answers) {
    for (const item of items) {
      for (const radio of item.radios) radio.checked = answers[item.id] === radio.value;
    }
  }

  document.addEventListener("change", (event) => {
    if (!event.target.matches('.autodiag-item input[type="radio"]')) return;
    const answers = formAnswers();
    saveAnswers(answers);
    render(answers);
  });

  summary.querySelector("[data-autodiag-print]").addEventListener("click", () => {
    showDate();
    window.print();
  });

  summary.querySelector("[data-autodiag-reset]").addEventListener("click", () => {
    const question = "Effacer toutes vos réponses ? Elles ne pourront pas être récupérées.";
    if (!window.confirm(question)) return;
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // storage disabled: nothing was saved
    }
    restore({});
    render({});
  });

  window.addEventListener("beforeprint", showDate);

  const saved = readAnswers();
  restore(saved);
  render(formAnswers());
  showDate();
  for (const note of document.querySelectorAll(".autodiag-nojs")) note.hidden = true;
  summary.hidden = false;
})();
