#!/usr/bin/env bash
# The translation catalogues (docs/i18n.md).
#
#   scripts/i18n.sh extract [POT]  extract every marked string into POT
#                                  (default translations/messages.pot, git-ignored)
#   scripts/i18n.sh update         extract, then merge new strings into the Chinese catalogue (translations/zh)
#   scripts/i18n.sh compile        compile translations/*/LC_MESSAGES/messages.po to .mo
#
# The .po files are edited by hand and committed; the .mo files are built (by setup.sh
# for scripts/run.sh and scripts/test.sh) and never committed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYBABEL="${PYBABEL:-$ROOT/.venv/bin/pybabel}"

# --width 100 on update keeps the committed catalogue's line wrapping (a smaller diff).
# The keywords that mark a user-visible string (see babel.cfg).
KEYWORDS=(-k _ -k gettext -k ngettext:1,2 -k lazy_gettext -k _l -k lazy_ngettext:1,2 -k N_
          -k NotFound -k Invalid -k Forbidden -k Duplicate -k TooMany -k ParseError
          -k TooManyImports -k TooManyArchives -k msg)

extract() {
  "$PYBABEL" -q extract -F babel.cfg "${KEYWORDS[@]}" --no-default-keywords \
      --no-location --sort-output -o "${1:-translations/messages.pot}" .
}

case "${1:-}" in
  extract) extract "${2:-}" ;;
  update)
    extract translations/messages.pot
    "$PYBABEL" -q update -i translations/messages.pot -d translations -l zh \
        --no-fuzzy-matching --ignore-obsolete --init-missing --width 100
    ;;
  compile) "$PYBABEL" -q compile -d translations ;;
  *) sed -n '2,10p' "$0" >&2; exit 2 ;;
esac
