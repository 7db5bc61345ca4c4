# Protéger les données de santé — build, serve and test the course.
# Every target installs what it needs into .venv (Python 3.11+ required).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test
ADDR   ?= 127.0.0.1:8000
DIST   ?= dist

export CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build check test qti moodle offline scorm slides bench review-due lock clean

help:
	@echo "make serve       sert le site sur http://$(ADDR) (installe .venv si besoin)"
	@echo "make build       construit le site dans site/ (mode strict)"
	@echo "make check       vérifie en quelques secondes questions, chapitres, parcours et journal"
	@echo "make test        construit puis lance toute la suite de tests"
	@echo "make qti         exporte les banques de questions au format QTI (dist/)"
	@echo "make moodle      exporte les banques de questions au format XML de Moodle (dist/)"
	@echo "make offline     construit l'édition hors ligne (dist/)"
	@echo "make scorm       construit le paquet SCORM 1.2 pour les plateformes de formation (dist/)"
	@echo "make slides      construit les diaporamas des chapitres, HTML et PDF (dist/diaporamas/)"
	@echo "make bench       mesure vitesse et poids avec Lighthouse (reports/)"
	@echo "make review-due  liste les pages dont la relecture a plus de 12 mois"

$(STAMP): requirements.txt
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11 ou plus récent est requis"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(TSTAMP): $(STAMP) requirements-test.txt
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-test.txt
	touch $@

# The offline edition is built once, so that the home page's link to it works in the preview
# (hooks/downloads.py); `make offline` rebuilds it.
serve: $(STAMP)
	test -f $(DIST)/proteger-donnees-sante-hors-ligne.zip || $(MAKE) offline
	$(BIN)/mkdocs serve --strict --dev-addr $(ADDR)

build: $(STAMP)
	$(BIN)/mkdocs build --strict

# For authors while they write: lint, the question banks, then the content rules (one build).
check: $(TSTAMP) node_modules/.package-lock.json
	$(BIN)/ruff check .
	node_modules/.bin/eslint docs/assets/javascripts
	$(BIN)/python scripts/check_quizzes.py
	$(BIN)/python -m pytest -q -m "content and not browser"

test: $(TSTAMP) node_modules/.package-lock.json
	bash scripts/ensure-test-tools.sh
	$(BIN)/ruff check .
	node_modules/.bin/eslint docs/assets/javascripts
	$(BIN)/python -m pytest

qti: $(STAMP)
	mkdir -p dist
	$(BIN)/mkdocs-quiz export qti quizzes/ --output dist/banque-questions-qti.zip \
		--title "Protéger les données de santé — banque de questions"
	$(BIN)/python scripts/check_quizzes.py

moodle: $(STAMP)
	$(BIN)/python scripts/export_moodle.py --output dist/banque-questions-moodle.xml

offline: $(STAMP)
	rm -rf $(DIST)/hors-ligne
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir $(abspath $(DIST))/hors-ligne
	cd $(DIST) && rm -f proteger-donnees-sante-hors-ligne.zip && \
		$(CURDIR)/$(BIN)/python -m zipfile -c proteger-donnees-sante-hors-ligne.zip hors-ligne
	@echo "Édition hors ligne : $(DIST)/proteger-donnees-sante-hors-ligne.zip (ouvrir hors-ligne/index.html)"

scorm: $(STAMP)
	$(BIN)/python scripts/build_scorm.py --output dist/proteger-donnees-sante-scorm12.zip

# npm tools: Lighthouse (make bench), scorm-again, the SCORM runtime of tests/test_scorm.py.
node_modules/.package-lock.json: package.json package-lock.json
	bash scripts/ensure-test-tools.sh
	npm ci --no-audit --no-fund --loglevel=error

# Marp CLI renders the decks of slides/; Chromium (the PDF only) is Debian's, never downloaded.
MARP := CHROME_PATH=$(CHROMIUM) CHROME_NO_SANDBOX=1 CHROME_DISABLE_GPU=1 \
	node_modules/.bin/marp --config-file slides/marp.config.yml --input-dir slides

slides: $(STAMP) node_modules/.package-lock.json
	bash scripts/ensure-test-tools.sh
	$(BIN)/python scripts/check_slides.py
	rm -rf $(DIST)/diaporamas
	$(MARP) --output $(DIST)/diaporamas
	$(MARP) --output $(DIST)/diaporamas --pdf --pdf-notes --pdf-outlines
	@echo "Diaporamas : $(DIST)/diaporamas/ (HTML à ouvrir dans un navigateur, PDF à imprimer)"

bench: $(TSTAMP) node_modules/.package-lock.json
	bash scripts/ensure-test-tools.sh
	CHROME_PATH=$(CHROMIUM) $(BIN)/python scripts/bench.py

review-due: $(STAMP)
	$(BIN)/python scripts/review_due.py

lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile --universal --python-version 3.11.5 --generate-hashes --quiet requirements.in -o requirements.txt
	$(BIN)/uv pip compile --universal --python-version 3.11.5 --generate-hashes --quiet requirements-test.in -o requirements-test.txt

clean:
	rm -rf site dist reports .pytest_cache
