# The scale plot of bench/RESULTS.md: indexing time, index size and faceted
# query latency against the number of articles.
#   gnuplot -e "data='scale.dat'; out='bench/scale.png'" bench/scale.gp
# data columns: articles index_s index_mb sy_p50 sy_p95 af_p50 af_p95
set terminal pngcairo size 1500,560 font ",10" noenhanced
set output out
set multiplot layout 1,3 title "Gazette at scale (synthetic copies above 63,130 articles)"
set xlabel "articles"
set format x "%.0s%c"
set grid
set key top left
set yrange [0:*]
set title "indexing wall time (everything on)"
set ylabel "s"
plot data using 1:2 with linespoints lw 2 pt 7 title "gazette-index"
set title "index size on disk"
set ylabel "MB"
plot data using 1:3 with linespoints lw 2 pt 7 title "index"
set title "faceted query latency, in process"
set key below
set ylabel "ms"
plot data using 1:4 with linespoints lw 2 pt 7 title "top10+section+year p50", \
     data using 1:5 with linespoints lw 2 pt 5 title "top10+section+year p95", \
     data using 1:6 with linespoints lw 2 pt 7 dt 2 title "all facets p50", \
     data using 1:7 with linespoints lw 2 pt 5 dt 2 title "all facets p95", \
     50 with lines dt 3 lc rgb "red" title "target: faceted p95 < 50 ms at 1,000,000"
unset multiplot
