#!/usr/bin/env bash
# Draws docs/hover_power.png: hover power and thrust margin against air density at 2537 and
# 2700 rpm, from `ingenuity-sim trim --json`. Needs a build (tools/run.sh) and gnuplot.
set -euo pipefail
cd "$(dirname "$0")/.."
sim=build/release/bin/ingenuity-sim
[ -x "$sim" ] || { echo "plot-hover-power: build first (tools/run.sh)" >&2; exit 1; }
if ! command -v gnuplot >/dev/null; then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends gnuplot-nox
fi
data=$(mktemp)
trap 'rm -f "$data"' EXIT
field() { sed -n "s/^  \"$1\": \([-0-9.e+]*\),\{0,1\}$/\1/p"; }
for rpm in 2537 2700; do
  for rho in 0.0110 0.0115 0.0120 0.0125 0.0130 0.0135 0.0140 0.0145 0.0150 0.0155 0.0160 \
             0.0165 0.0170 0.0175 0.0180 0.0185 0.0190 0.0195 0.0200; do
    if json=$("$sim" trim --density "$rho" --rpm "$rpm" --json 2>/dev/null); then
      echo "$rho $(echo "$json" | field aerodynamic_power_W) $(echo "$json" | field electrical_power_W) $(echo "$json" | field thrust_margin)"
    fi
  done
  printf '\n\n'
done > "$data"
gnuplot <<GNUPLOT
set terminal pngcairo size 1000,560 font "DejaVu Sans,11"
set output "docs/hover_power.png"
set multiplot layout 1,2 title "Ingenuity hover, 1.8 kg, out of ground effect (ingenuity-sim trim)"
set grid
set key top right
set xlabel "air density [kg/m^3]"
set ylabel "power [W]"
set xrange [0.0108:0.0202]
set xtics 0.002 format "%.3f"
plot "$data" index 0 using 1:3 with linespoints lw 2 pt 7 title "electrical, 2537 rpm", \
     "$data" index 1 using 1:3 with linespoints lw 2 pt 5 title "electrical, 2700 rpm", \
     "$data" index 0 using 1:2 with lines lw 2 dt 2 title "aerodynamic, 2537 rpm", \
     "$data" index 1 using 1:2 with lines lw 2 dt 2 title "aerodynamic, 2700 rpm"
set ylabel "thrust margin (largest thrust before stall / weight)"
set key bottom right
plot "$data" index 0 using 1:4 with linespoints lw 2 pt 7 title "2537 rpm", \
     "$data" index 1 using 1:4 with linespoints lw 2 pt 5 title "2700 rpm", \
     1.1 with lines lw 1 lc rgb "red" dt 3 title "10 % margin"
unset multiplot
GNUPLOT
echo "plot-hover-power: wrote docs/hover_power.png"
