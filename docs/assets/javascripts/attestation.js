// « Évaluation finale »: offers the printable attestation once the final assessment is passed.
//
// The score comes from mkdocs-quiz itself: its tracker fires a `quizProgressUpdate` event
// (detail: total, answered, correct) on load, after every answer and on reset, and writes
// the same counts into its results block (#quiz-results), read once here in case the event
// fired before this script ran. The name and profession typed by the learner stay in
// localStorage under `pds-attestation`.
(function () {
  "use strict";

  const STORAGE_KEY = "pds-attestation";
  const NBSP = "\u00a0"; // French typography: « 80 % », « Réinitialiser le quiz »
  const MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
  ];

  const widget = document.getElementById("attestation-widget");
  if (!widget) return;
  const passPercent = Number(widget.dataset.passPercent);
  const status = document.getElementById("attestation-status");
  const offer = document.getElementById("attestation-offer");
  const nameInput = document.getElementById("attestation-name");
  const professionInput = document.getElementById("attestation-profession");
  const field = (name) => widget.querySelector('[data-attestation="' + name + '"]');

  // « 1er mars 2026 », as on the rest of the site.
  function frenchDate(date) {
    const day = date.getDate() === 1 ? "1er" : String(date.getDate());
    return day + " " + MONTHS[date.getMonth()] + " " + date.getFullYear();
  }

  function isoDate(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  // Whole numbers only: 80 % of 41 questions is 32.8, so 33 correct answers are needed.
  function correctNeeded(total) {
    return Math.ceil((total * passPercent) / 100);
  }

  function verdict(progress) {
    if (!progress.total || progress.answered < progress.total) return "incomplete";
    return progress.correct * 100 >= progress.total * passPercent ? "pass" : "fail";
  }

  // Same rounding as mkdocs-quiz's own results block.
  function scorePercent(progress) {
    return Math.round((progress.correct / progress.total) * 100);
  }

  function scoreText(progress) {
    return scorePercent(progress) + NBSP + "% (" + progress.correct + " bonnes réponses sur " + progress.total + ")";
  }

  // mkdocs-quiz's own label for its page-wide reset button, in the page's language.
  function retakeButton() {
    const button = document.querySelector(".quiz-intro-reset, .quiz-results-reset");
    return button ? " avec le bouton «" + NBSP + button.textContent.trim() + NBSP + "»" : "";
  }

  function message(progress, result) {
    if (result === "incomplete") {
      return "Répondez à toutes les questions de l'évaluation pour obtenir l'attestation.";
    }
    if (result === "fail") {
      return (
        "Votre score est de " + scoreText(progress) + NBSP + "; il faut au moins " + passPercent +
        NBSP + "% (" + correctNeeded(progress.total) + " bonnes réponses) pour obtenir l'attestation. " +
        "Relisez les chapitres, puis repassez l'évaluation" + retakeButton() + "."
      );
    }
    return (
      "Votre score est de " + scoreText(progress) + NBSP + ": vous avez réussi l'évaluation finale. " +
      "Vous pouvez imprimer votre attestation de suivi."
    );
  }

  function render(progress) {
    const result = verdict(progress);
    const text = message(progress, result);
    // Rewrite the live region only when its text changes, so each answer is not re-announced.
    if (status.textContent.trim() !== text) status.textContent = text;
    offer.hidden = result !== "pass";
    document.documentElement.classList.toggle("pds-attestation-ready", result === "pass");
    if (result === "pass") field("score").textContent = scoreText(progress);
  }

  function loadIdentity() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}");
      return {
        name: typeof saved.name === "string" ? saved.name : "",
        profession: typeof saved.profession === "string" ? saved.profession : "",
      };
    } catch {
      return { name: "", profession: "" };
    }
  }

  function saveIdentity() {
    const identity = { name: nameInput.value.trim(), profession: professionInput.value.trim() };
    try {
      if (identity.name || identity.profession) {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(identity));
      } else {
        localStorage.removeItem(STORAGE_KEY);
      }
    } catch {
      // Storage disabled: the attestation still prints what is typed.
    }
    showIdentity(identity);
  }

  function showIdentity(identity) {
    field("name").textContent = identity.name || "non renseigné";
    field("profession").textContent = identity.profession || "non renseignée";
  }

  function eraseIdentity() {
    nameInput.value = "";
    professionInput.value = "";
    saveIdentity();
    status.textContent = "Le nom et la profession ont été effacés de ce navigateur.";
    nameInput.focus();
  }

  // The counts mkdocs-quiz last wrote into its results block (zeros before it runs).
  function progressFromResultsBlock() {
    const results = document.getElementById("quiz-results");
    const count = (selector) => {
      const element = results && results.querySelector(selector);
      return element ? parseInt(element.textContent, 10) || 0 : 0;
    };
    return {
      total: count(".quiz-results-total"),
      answered: count(".quiz-results-answered"),
      correct: count(".quiz-results-correct"),
    };
  }

  const today = new Date();
  field("date").textContent = frenchDate(today);
  field("date").setAttribute("datetime", isoDate(today));
  const version = field("version");
  version.textContent = frenchDate(new Date(version.getAttribute("datetime") + "T12:00:00"));

  const identity = loadIdentity();
  nameInput.value = identity.name;
  professionInput.value = identity.profession;
  showIdentity(identity);

  nameInput.addEventListener("input", saveIdentity);
  professionInput.addEventListener("input", saveIdentity);
  document.getElementById("attestation-erase").addEventListener("click", eraseIdentity);
  document.getElementById("attestation-print").addEventListener("click", () => window.print());
  window.addEventListener("quizProgressUpdate", (event) => render(event.detail));
  render(progressFromResultsBlock());
})();
