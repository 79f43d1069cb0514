# Two commands do the main work: `make figures` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
CORPUS ?= seeds

.PHONY: install figures test lab notebooks report bench constraints clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

figures: $(STAMP)  ## regenerate everything under figures/ from seeds/
	$(BIN)/python -m analysis figures --corpus $(CORPUS) --out figures

test: $(TEST_STAMP)  ## the whole suite, notebooks included
	$(BIN)/python -m pytest

lab: $(STAMP)  ## JupyterLab on notebooks/
	$(BIN)/jupyter lab notebooks

notebooks: $(STAMP)  ## re-execute every notebook in place
	$(BIN)/python -m analysis.notebooks notebooks/*.ipynb

report: $(STAMP)  ## one self-contained HTML report of the corpus
	$(BIN)/python -m analysis report --corpus $(CORPUS) --out report.html

bench: $(STAMP)  ## time each stage on larger synthetic corpora
	for script in benchmarks/bench_*.py; do $(BIN)/python $$script || exit 1; done

# The libraries whose versions decide the numbers, figures and notebook outputs.
PINNED := numpy pandas scipy scikit-learn joblib threadpoolctl nltk regex matplotlib contourpy kiwisolver fonttools pillow

constraints: $(TEST_STAMP)  ## pin the installed versions of PINNED (after an upgrade) into constraints.txt
	{ sed -n '1,3p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable \
	  | grep -iE '^($(shell echo $(PINNED) | tr ' ' '|'))==' | sed 's/$$/ ; python_version == "3.11"/'; } \
	  > constraints.txt.new
	mv constraints.txt.new constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
