#!/usr/bin/env bash
# Captures the terminal UI as it really draws itself, for the picture in the
# README: the built binary runs 'sealpeek --demo' in tmux at 120x36 with 256
# colours, goes to the third demo sample (ctrl+n twice: a sheet user sealed by
# the production app while the test profile is chosen), and the screen, colours
# included, is saved as docs/ui.ansi; then go generate renders docs/ui.svg
# from it (internal/docgen). Needs tmux. Not part of CI: run it by hand when
# the UI changes, look at the picture, and commit both files.
set -euo pipefail
cd "$(dirname "$0")/.."

cols=${COLS:-120} rows=${ROWS:-36}
sock="sealpeek-screenshot-$$"
tmp=$(mktemp -d)
cleanup() { tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT

go build -o "$tmp/sealpeek" .
# A private tmux server (-L) with no user configuration (-f /dev/null).
tmux -L "$sock" -f /dev/null new-session -d -x "$cols" -y "$rows" \
  -e TERM=xterm-256color \
  "env -u NO_COLOR -u COLORTERM $tmp/sealpeek --demo"
sleep 1.5
tmux -L "$sock" send-keys C-n
sleep 0.5
tmux -L "$sock" send-keys C-n
sleep 1.5
tmux -L "$sock" capture-pane -e -p > docs/ui.ansi
if grep -q 'working…' docs/ui.ansi; then
  echo "screenshot.sh: the analysis had not finished; run it again" >&2
  exit 1
fi
go generate ./docs
echo "wrote docs/ui.ansi and docs/ui.svg"
