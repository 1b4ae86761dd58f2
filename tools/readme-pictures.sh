#!/bin/sh
# Dev aid: the README's pictures (docs/*.png) from real builds, pages at 60 dpi, the booklet sheet at 40.
#   node bin/zine.mjs build --lang fr --phone && node bin/zine.mjs build --root examples/pocket --out /tmp/pocket
#   sh tools/readme-pictures.sh /tmp/pocket
# The pages shown: a page with screenshots and a section opening under a rule, the links page, three phone pages.
set -e
POCKET=${1:?the pocket example build folder}
PAGE=5 LINKS=11 PHONE="3 7 14"
T=$(mktemp -d)
page() { pdftoppm -r "${4:-60}" -png -singlefile -f "$2" -l "$2" "$1" "$3"; }
page build/petit-guide-fr.pdf 1 docs/cover
page build/petit-guide-fr.pdf $PAGE docs/page
page build/petit-guide-fr.pdf $LINKS docs/links
page build/petit-guide-fr-booklet.pdf 1 docs/booklet-sheet 40
for p in $PHONE; do page build/petit-guide-fr-phone.pdf "$p" "$T/phone-$p"; done
COLS=3 npx tsx tools/contact-sheet.ts docs/phone.png $(for p in $PHONE; do echo "$T/phone-$p.png"; done)
page "$POCKET/pocket-en.pdf" 1 "$T/pocket-cover"
page "$POCKET/pocket-en.pdf" 3 "$T/pocket-page"
COLS=3 npx tsx tools/contact-sheet.ts docs/themes.png docs/cover.png "$T/pocket-cover.png" "$T/pocket-page.png"
rm -r "$T"
