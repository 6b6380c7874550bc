#!/usr/bin/env python3
"""Assembles bench/RESULTS.md from the raw outputs of bench/run.sh, and writes
the data file that bench/scale.gp plots.  Usage: report.py RAW_DIR RESULTS.md SCALE.dat

Every raw file starts with '# command: ...' (the exact command, listed in the
report); a figure whose file is missing is shown as 'not run'."""
import json
import os
import re
import sys

RAW, OUT, SCALE_DAT = sys.argv[1:4]
CORPUS_ARTICLES = 63130
MB = 1e6


def text(name):
    path = os.path.join(RAW, name)
    return open(path, encoding='utf-8', errors='replace').read() if os.path.exists(path) else None


def pairs(name):
    """'key value...' lines of a raw file, as a dict."""
    t = text(name) or ''
    return dict(line.split(' ', 1) for line in t.splitlines() if ' ' in line and not line.startswith('#'))


def num(pattern, t, cast=float):
    m = re.search(pattern, t or '', re.M)
    return cast(m.group(1).replace(',', '')) if m else None


def commands(t):
    """The '# command: ...' lines of a raw output, in order."""
    return re.findall(r'^# command: (.*)$', t or '', re.M)


def fmt(x, digits=1, unit=''):
    if x is None:
        return 'not run'
    return f'{x:,.{digits}f}{unit}'


# --- parsers of the raw outputs ----------------------------------------------

def index_figures(name, corpus_name):
    """An index_run output (GNU time -v, then the sizes) with the text bytes of its input."""
    t = text(name)
    if t is None:
        return None
    seconds = gnu_time_seconds(t)
    corpus = pairs(corpus_name)
    articles = num(r'read (\d+) articles', t, int)
    text_bytes = int(corpus['text_bytes']) if 'text_bytes' in corpus else None
    return {
        'seconds': seconds, 'articles': articles,
        'added': num(r'(\d+) added', t, int),
        'articles_s': articles / seconds if articles and seconds else None,
        'mb_s': text_bytes / MB / seconds if text_bytes and seconds else None,
        'text_mb': text_bytes / MB if text_bytes else None,
        'peak_mb': num(r'Maximum resident set size \(kbytes\): (\d+)', t) / 1024 if 'Maximum resident' in t else None,
        'cpu': num(r'Percent of CPU this job got: (\d+)%', t, int),
        'cpu_seconds': (num(r'User time \(seconds\): ([\d.]+)', t) or 0) + (num(r'System time \(seconds\): ([\d.]+)', t) or 0),
        'size_mb': num(r'^index_bytes (\d+)', t) / MB if 'index_bytes' in t else None,
        'compact_mb': num(r'^compact_bytes (\d+)', t) / MB if 'compact_bytes' in t else None,
        'copies': int(corpus['copies']) if 'copies' in corpus else 0,
        'stages': stage_table(t),
    }


def stage_table(t):
    """gazette-index --stats: [(stage, thread seconds, CPU seconds, CPU share %)]."""
    rows = []
    for line in (t or '').splitlines():
        m = re.match(r'^(\S.*?)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)%$', line)
        if m:
            rows.append((m.group(1), float(m.group(2)), float(m.group(3)), float(m.group(4))))
    return rows


def gnu_time_seconds(t):
    wall = re.search(r'Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)', t or '')
    return (int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))) if wall else None


def floor_figures(name):
    """gazette-index-floor's output: Xapian alone indexing the same text."""
    t = text(name)
    if t is None:
        return None
    return {'seconds': num(r'^floor_seconds ([\d.]+)', t), 'cpu_seconds': num(r'^floor_cpu_seconds ([\d.]+)', t),
            'articles': num(r'^floor_articles (\d+)', t, int),
            'size_mb': num(r'^floor_index_bytes (\d+)', t) / MB if 'floor_index_bytes' in t else None,
            'peak_mb': num(r'Maximum resident set size \(kbytes\): (\d+)', t) / 1024
            if 'Maximum resident' in t else None}


latency_means = {}


def latency_table(name):
    """gazette-latency's table: {class: (n, p50, p95, p99)}, and its last line; the means
    (newer outputs print them) go into latency_means[name]."""
    t = text(name)
    rows = {}
    means = latency_means.setdefault(name, {})
    for line in (t or '').splitlines():
        m = re.match(r'^(.+?)\s+(\d+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)(?:\s+([\d.]+))?$', line)
        if m and m.group(1) != 'class':
            rows[m.group(1)] = (int(m.group(2)), float(m.group(3)), float(m.group(4)), float(m.group(5)))
            if m.group(6):
                means[m.group(1)] = float(m.group(6))
    mode = re.search(r'^mode: .*$', t or '', re.M)
    mode = mode and mode.group(0)
    return rows, mode


def throughput(name='throughput.txt'):
    """Per connection count: req/s, latency percentiles, errors; and the server's memory."""
    t = text(name) or ''
    runs = []
    for block in re.split(r'^== ', t, flags=re.M)[1:]:
        runs.append({
            'connections': num(r'^(\d+) connections', block, int),
            'req_s': num(r'Requests/sec:\s+([\d.]+)', block),
            'p50': num(r'(?:wrk: p50 |p50_ms=)([\d.]+)', block), 'p90': num(r'p90 ([\d.]+)', block),
            'p99': num(r'(?:p99 |p99_ms=)([\d.]+)', block), 'max': num(r'max ([\d.]+)', block),
            'requests': num(r'(?:wrk: |requests=)(\d+)', block, int),
            # wrk's status errors are its non-2xx responses: the same ones counted twice
            'errors': (num(r'socket_errors=(\d+)', block, int) + num(r'http_errors=(\d+)', block, int))
            if 'socket_errors=' in block else
            max(num(r'(\d+) errors', block, int), num(r'Non-2xx or 3xx responses: (\d+)', block, int) or 0)
            if 'errors' in block else None,
            'server_cpu_s': num(r'^server_cpu_s ([\d.]+)', block),
        })
    for r in runs:
        # The server's CPU per answer: what the load costs it, whatever share of the cores wrk took.
        r['cpu_ms'] = 1000 * r['server_cpu_s'] / r['requests'] if r['server_cpu_s'] and r['requests'] else None
    return runs, num(r'^peak_rss_mb (\d+)', t, int), num(r'^rss_mb (\d+)', t.split('after the load')[-1], int)


# The frames that contain everything (threads, main, the writer loop): not
# an answer to "where does it go".
GENERIC = re.compile(r'start_thread|_M_run|below main|__libc_start|^main$|^main::|^_start|ShardWriter::run|'
                     r'write_article|_Function_handler|clone|Internal::')


def short_name(fn):
    """A C++ name without its argument lists and template arguments."""
    fn = re.sub(r" \[clone [^\]]*\]|'\d+$", '', fn)
    while re.search(r'<[^<>]*>', fn):
        fn = re.sub(r'<[^<>]*>', '', fn)
    while re.search(r'\([^()]+\)', fn):
        fn = re.sub(r'\([^()]+\)', '()', fn)
    return fn


def profile(name, top=20):
    """bench/profile.sh's output: (total instructions, [(inclusive %, function)], [(self %, library)])."""
    t = text(name)
    if t is None:
        return None, [], []
    total = num(r'^\s*([\d,]+)\s.*PROGRAM TOTALS', t)
    inclusive, libraries = [], []
    part = t.split('== self by library')
    for line in part[0].splitlines():
        m = re.match(r'^\s*([\d,]+)\s+\(\s*([\d.]+)%\)\s+(.*)$', line)
        if m and 'PROGRAM TOTALS' not in line:
            fn = re.sub(r'\s*\[[^\]]*\]$', '', m.group(3))  # the object file
            fn = re.sub(r'^(\?\?\?|\S+\.[chS]\w*):', '', fn)  # the source file, if known
            if not GENERIC.search(fn):
                inclusive.append((float(m.group(2)), short_name(fn)))
    for line in (part[1] if len(part) > 1 else '').splitlines():
        m = re.match(r'^\s*([\d.]+)% (.*)$', line)
        if m and float(m.group(1)) >= 0.5:
            libraries.append((float(m.group(1)), m.group(2)))
    return total, inclusive[:top], libraries


def where_it_goes(name):
    """One line from a profile: the libraries' own shares and the largest named steps."""
    _, inclusive, libraries = profile(name)
    if not inclusive:
        return 'not profiled'
    libs = ', '.join(f'{lib} {share:.0f}%' for share, lib in libraries[:5])
    steps = [(share, fn) for share, fn in inclusive if re.match(r'(gazette|Xapian)::', fn)][:6]
    return (f'own instructions by library: {libs}; largest steps (inclusive): '
            + ', '.join(f'`{fn}` {share:.0f}%' for share, fn in steps))


# --- the report ---------------------------------------------------------------

machine = pairs('machine.txt')
settings = pairs('settings.txt')
quick = settings.get('quick') == '1'
scales = [int(n) for n in settings.get('scales', '').split()]


# --- rounds -------------------------------------------------------------------
# bench/run.sh measures Gazette, Xapian alone and Lucene side by side in
# rounds (step_index): round 1's outputs keep their plain names, round R's end
# in -R. Each side's figure is its best round: on a shared machine the other
# load only ever adds time.

def round_name(name, r):
    """Round R's file of NAME: NAME itself for round 1, NAME-R.txt after."""
    base, ext = os.path.splitext(name)
    return name if r == 1 else f'{base}-{r}{ext}'


def round_names(name):
    """NAME and its later rounds' files, those that exist, from round 1 on."""
    names, r = [], 1
    while text(round_name(name, r)) is not None:
        names.append(round_name(name, r))
        r += 1
    return names


def fastest_round(figures):
    """The figures (dicts with 'seconds') of the round that took least, or None."""
    timed = [f for f in figures if f and f.get('seconds')]
    return min(timed, key=lambda f: f['seconds'], default=None)


def best_latency_rows(name):
    """gazette-latency's rows over the rounds of NAME, each class from the round of lowest p95, the
    means of those rows and the files they come from: ({class: (n, p50, p95, p99)}, {class: mean},
    {class: file})."""
    best, means, files = {}, {}, {}
    for n in round_names(name):
        rows, _ = latency_table(n)
        for cls, r in rows.items():
            if cls not in best or r[2] < best[cls][2]:
                best[cls], files[cls] = r, n
                if cls in latency_means.get(n, {}):
                    means[cls] = latency_means[n][cls]
    return best, means, files


def best_lucene():
    """Lucene's results (lucene.json and its rounds): the first, with the least import time and the query
    figures of the round of lowest p95 (each kind apart)."""
    runs = [json.loads(text(n)) for n in round_names('lucene.json')]
    if not runs:
        return None, []
    best = dict(runs[0])
    timed = [r['index_seconds'] for r in runs if r.get('index_seconds')]
    best['index_seconds'] = min(timed) if timed else None
    for kind in ('query_ms', 'facet_query_ms'):
        best[kind] = min((r[kind] for r in runs), key=lambda q: q['p95'])
    return best, runs


corpus_rounds = [index_figures(n, 'corpus-text.txt') for n in round_names('index-corpus.txt')]
floor_rounds = [floor_figures(n) for n in round_names('index-floor.txt')]
corpus = fastest_round(corpus_rounds)
# The file of the round the import's figures come from: a row says so when it was kept from an earlier run.
corpus_file = next((n for n, f in zip(round_names('index-corpus.txt'), corpus_rounds) if f is corpus),
                   'index-corpus.txt')
noent = index_figures('index-corpus-noent.txt', 'corpus-text.txt')
rerun = index_figures('index-corpus-rerun.txt', 'corpus-text.txt')
index_floor = fastest_round(floor_rounds)
inproc, inproc_mode = latency_table('latency-inprocess.txt')
http, http_mode = latency_table('latency-http.txt')
wrk_runs, serve_peak, serve_after = throughput()
# (None when the soak was not run, or ran before it printed its peak.)
soak_peak = num(r'^memory: peak (\d+) MB', text('soak.txt'), int)
mix_runs, _, _ = throughput('throughput-mix.txt')
mix_floor_runs, _, _ = throughput('throughput-mix-floor.txt')
floor_runs, _, _ = throughput('throughput-floor.txt')
floor, floor_mode = latency_table('latency-floor.txt')
quality = text('quality.txt') or ''
lucene, lucene_rounds = best_lucene()
lucene_related = json.loads(text('lucene_related.json')) if text('lucene_related.json') else None
peer_gazette, _, peer_gazette_files = best_latency_rows('peers-gazette.txt')
peer_floor, peer_floor_means, _ = best_latency_rows('peers-floor.txt')
peer_ids, _, peer_ids_files = best_latency_rows('peers-gazette-ids.txt')  # hits without snippets, as the harness reads Lucene's

def columns_cost(name):
    """gazette-latency's facet columns: (build s, MB, {added ids: extend s})."""
    t = text(name) or ''
    m = re.search(r'^facet columns: built in ([\d.]+) s, ([\d.]+) MB', t, re.M)
    extend = {int(a): float(x) for a, x in re.findall(r'^facet columns: extended by (\d+) added ids in ([\d.]+) s', t, re.M)}
    return (float(m.group(1)), float(m.group(2)), extend) if m else None


scale_points = []  # (n, index figures, latency rows)
scale_floors = {}  # n: Xapian alone indexing the same articles
for n in scales:
    if n == CORPUS_ARTICLES:
        scale_points.append((n, corpus, inproc))
        scale_floors[n] = index_floor
    else:
        scale_points.append((n, index_figures(f'scale-{n}-index.txt', f'scale-{n}-corpus.txt'),
                             latency_table(f'scale-{n}-latency.txt')[0]))
        scale_floors[n] = floor_figures(f'scale-{n}-floor.txt')

out = []
w = out.append
w('# Gazette benchmark results\n')
if quick:
    w('> **QUICK MODE** (`BENCH_QUICK=1`): short wrk runs and few repetitions, to try the harness. '
      'These are not the reference figures.\n')
w('Written by `bash bench/run.sh` (raw outputs in its work folder). Figures, not pass/fail tests. '
  'The machine is shared with other builds: absolute timings vary from run to run; '
  '**only the ratios to Lucene, measured in the same run, are fair comparisons**; '
  'instruction counts (the profiles) repeat. '
  'What each change did, measured one at a time between runs, and what was tried and dropped: '
  '`bench/HISTORY.md`.\n')

w('## Machine\n')
w('| | |\n|---|---|')
for key in ('cpu', 'cores', 'memory', 'os', 'compiler', 'xapian', 'java', 'commit', 'date', 'load'):
    w(f'| {key} | {machine.get(key, "?")} |')
w('')


def met(measured, target, lower_is_better=True):
    """target None: a count that must be 0."""
    if measured is None:
        return 'not run'
    if target is None:
        return 'yes' if measured == 0 else '**no**'
    ok = measured < target if lower_is_better else measured >= target
    if ok:
        return 'yes'
    if lower_is_better:
        return f'**no**: {measured / target:.2f}× the target' if target else '**no**'
    return f'**no**: {measured / target:.0%} of the target'


w('## Targets\n')
w('| target | measured | met? |\n|---|---|---|')
targets = []  # (what, target text, measured value, target value, lower is better, unit, why)
sy, af = inproc.get('top10+section+year'), inproc.get('all facets')
sug, rel_lat = inproc.get('suggest'), inproc.get('related')
def fastest(runs):
    """The run with the most requests a second, or None."""
    return max((r for r in runs if r['req_s']), key=lambda r: r['req_s'], default=None)


def at_connections(runs, n):
    """The run at `n` connections, else the fastest one (a run that did not try n)."""
    return next((r for r in runs if r['connections'] == n and r['req_s']), None) or fastest(runs)


# The load at which issue 16 sets the search targets (requests/s and p99
# together): the other loads are in "Throughput over HTTP".
WRK_TARGET_CONNECTIONS = 8
target_wrk = at_connections(wrk_runs, WRK_TARGET_CONNECTIONS)
best_mix = fastest(mix_runs)
# The floor at the load of Gazette's best run.
best_mix_floor = best_mix and at_connections(mix_floor_runs, best_mix['connections'])
largest = scale_points[-1] if scale_points else None
largest_columns = largest and columns_cost('latency-inprocess.txt' if largest[0] == CORPUS_ARTICLES
                                           else f'scale-{largest[0]}-latency.txt')
peer_sy = peer_gazette.get('top10+section+year')
peer_floor_sy = peer_floor.get('top10+section+year')
peer_ids_sy = peer_ids.get('top10+section+year')
lucene_facet_p95 = lucene and lucene['facet_query_ms']['p95']
peer_floor_ratio = peer_floor_sy and lucene_facet_p95 and peer_floor_sy[2] / lucene_facet_p95
def run_date_if_earlier(name):
    """' (run on DATE, an earlier run)' when the raw file is older than this run's start (machine.txt):
    a step kept from an earlier run measured an earlier commit."""
    path, start = os.path.join(RAW, name), os.path.join(RAW, 'machine.txt')
    if not (os.path.exists(path) and os.path.exists(start)) or os.path.getmtime(path) >= os.path.getmtime(start):
        return ''
    import datetime
    when = datetime.datetime.utcfromtimestamp(os.path.getmtime(path)).strftime('%Y-%m-%d %H:%M UTC')
    return f' (kept from an earlier run: {when})'


def api_write_figures(name='api-writes.txt'):
    """bench/api_writes.py and gazette-write-floor: {kind: {'p50', 'p95', 'p99'}}, kinds add, delete,
    floor add, floor delete (with sync), and the same without sync."""
    out = {}
    names = {'add one article (POST)': 'add', 'delete one article (DELETE)': 'delete',
             'xapian add + commit': 'floor add', 'xapian delete + commit': 'floor delete',
             'xapian add + commit without sync': 'floor add, no sync',
             'xapian delete + commit without sync': 'floor delete, no sync'}
    for line in (text(name) or '').splitlines():
        fields = line.split('\t')
        if fields[0] in names:
            out[names[fields[0]]] = {k: float(v) for k, v in (f.split(' ') for f in fields[1:]) if k != 'count'}
    m = re.search(r'^added articles in their original\'s story\t(\d+) of (\d+)', text(name) or '', re.M)
    if m:
        out['joined'] = (int(m.group(1)), int(m.group(2)))
    return out


api_writes = api_write_figures()
api_writes_alerts = api_write_figures('api-writes-alerts.txt')


def percolate_figures():
    """gazette-percolate: {batch size: {'check_p95_ms', 'record_p95_ms', ..., 'every_alert_run_p95_ms'}},
    and 'alerts': the number saved."""
    out = {}
    current = None
    for line in (text('percolate.txt') or '').splitlines():
        fields = dict(f.split(' ', 1) for f in line.split('\t') if ' ' in f)
        if line.startswith('alerts '):
            out['alerts'] = int(fields['alerts'])
        elif line.startswith('batch '):
            current = out.setdefault(int(fields['batch']), {})
            current.update({k: float(v) for k, v in fields.items() if k != 'batch'})
        elif line.startswith('floor') and current is not None:
            current.update({k: float(v) for k, v in fields.items()})
    return out


percolate = percolate_figures()
batch_check = percolate.get(100)
# Two runs' figures differ by the machine's load more than by the alerts: compared only within one run.
same_write_runs = bool(run_date_if_earlier('api-writes.txt')) == bool(run_date_if_earlier('api-writes-alerts.txt'))
write_growth = (api_writes_alerts['add']['p95'] - api_writes['add']['p95']
                if api_writes.get('add') and api_writes_alerts.get('add') and same_write_runs else None)
lucene_index_s = lucene and lucene.get('index_seconds')
lucene_index_mb = lucene and lucene.get('index_bytes') and lucene['index_bytes'] / MB
million = next((p for p in scale_points if p[0] == 1000000), None)
target_floor = at_connections(floor_runs, WRK_TARGET_CONNECTIONS)
floor_sy = floor.get('top10+section+year')


def row(what, target, value, limit, lower, unit, prof, floor=None):
    """A target: what, its text, the measured value, the limit, whether lower is better, the unit, the
    profile that explains it (a: indexing, b: queries) and the floor: the same measure for Xapian alone in
    this run, where one is measured."""
    return what, target, value, limit, lower, unit, prof, floor


rows = [
    row('whole corpus indexing, everything on' + run_date_if_earlier(corpus_file), '<= 90 s', corpus and corpus['seconds'], 90 + 1e-9, True, ' s', 'a',
        floor=index_floor and index_floor['seconds']),
    row('the same against Lucene\'s indexing time in this run' + run_date_if_earlier(corpus_file), '<= 5×',
     corpus and lucene_index_s and corpus['seconds'] / lucene_index_s, 5 + 1e-9, True, '×', 'a',
        floor=index_floor and lucene_index_s and index_floor['seconds'] / lucene_index_s),
    row('re-run over the unchanged corpus' + run_date_if_earlier('index-corpus-rerun.txt'), '<= 10 s', rerun and rerun['seconds'], 10 + 1e-9, True, ' s', None),
    row('1,000,000 articles indexed' + run_date_if_earlier('scale-1000000-index.txt'), '<= 900 s',
     million and million[1] and million[1]['seconds'], 900 + 1e-9, True, ' s', 'a',
        floor=scale_floors.get(1000000) and scale_floors[1000000]['seconds']),
    row('index size against Lucene\'s (same corpus)' + run_date_if_earlier(corpus_file), '<= 2.5×',
     corpus and lucene_index_mb and corpus['size_mb'] / lucene_index_mb, 2.5 + 1e-9, True, '×', None,
        floor=index_floor and lucene_index_mb and index_floor['size_mb'] / lucene_index_mb),
    row('in process top-10 + section and year counts, p50' + run_date_if_earlier('latency-inprocess.txt'), '< 1 ms', sy and sy[1], 1, True, ' ms', 'b',
        floor=floor_sy and floor_sy[1]),
    row('in process top-10 + section and year counts, p95' + run_date_if_earlier('latency-inprocess.txt'), '< 2 ms', sy and sy[2], 2, True, ' ms', 'b',
        floor=floor_sy and floor_sy[2]),
    row('the same, p95 against Lucene\'s facet p95 (queries.txt, same passes)' + run_date_if_earlier(peer_gazette_files.get('top10+section+year', 'peers-gazette.txt')),
        '<= 1.5×',
     peer_sy and lucene_facet_p95 and peer_sy[2] / lucene_facet_p95, 1.5 + 1e-9, True, '×', 'b',
        floor=peer_floor_ratio),
    row('the same, hits without snippets: the work the harness asks of Lucene (ids and counts)'
        + run_date_if_earlier(peer_ids_files.get('top10+section+year', 'peers-gazette-ids.txt')), '<= 1.5×',
     peer_ids_sy and lucene_facet_p95 and peer_ids_sy[2] / lucene_facet_p95, 1.5 + 1e-9, True, '×', 'b',
        floor=peer_floor_ratio),
    row('in process all facets, p95' + run_date_if_earlier('latency-inprocess.txt'), '< 5 ms', af and af[2], 5, True, ' ms', 'b',
        floor=floor.get('all facets') and floor['all facets'][2]),
    row('wrk faceted searches/s' + (f' ({target_wrk["connections"]} connections)' if target_wrk else '')
        + run_date_if_earlier('throughput.txt'), '>= 2,000/s',
     target_wrk and target_wrk['req_s'], 2000, False, '/s', 'b', floor=target_floor and target_floor['req_s']),
    row('wrk p99 at that load' + run_date_if_earlier('throughput.txt'), '< 20 ms', target_wrk and target_wrk['p99'], 20, True, ' ms', 'b',
        floor=target_floor and target_floor['p99']),
    row('wrk errors (all runs)' + run_date_if_earlier('throughput.txt'), '0', sum(r['errors'] or 0 for r in wrk_runs) if wrk_runs else None, None, True, '', None,
        floor=sum(r['errors'] or 0 for r in floor_runs) if floor_runs else None),
    row('wrk mixed load (`wrk_mix.lua`) requests/s' + (f' (best: {best_mix["connections"]} connections)' if best_mix else '')
        + run_date_if_earlier('throughput-mix.txt'),
     '>= 1,000/s', best_mix and best_mix['req_s'], 1000, False, '/s', 'b',
        floor=best_mix_floor and best_mix_floor['req_s']),
    row('wrk mixed load errors' + run_date_if_earlier('throughput-mix.txt'), '0', sum(r['errors'] or 0 for r in mix_runs) if mix_runs else None, None, True, '', None,
        floor=sum(r['errors'] or 0 for r in mix_floor_runs) if mix_floor_runs else None),
    row('suggest p50' + run_date_if_earlier('latency-inprocess.txt'), '< 1 ms', sug and sug[1], 1, True, ' ms', None),
    row('suggest p95' + run_date_if_earlier('latency-inprocess.txt'), '< 3 ms', sug and sug[2], 3, True, ' ms', None),
    row('related p50' + run_date_if_earlier('latency-inprocess.txt'), '< 5 ms', rel_lat and rel_lat[1], 5, True, ' ms', None,
        floor=floor.get('related') and floor['related'][1]),
    row((f'all facets p95 at {largest[0]:,} articles' if largest else 'all facets p95 at 1,000,000 articles')
        + run_date_if_earlier('scale-1000000-latency.txt'),
     '< 50 ms (at 1,000,000)', largest and largest[2].get('all facets') and largest[2]['all facets'][2], 50, True,
     ' ms', 'b'),
    row((f'facet columns at {largest[0]:,} articles' if largest else 'facet columns at 1,000,000 articles')
        + run_date_if_earlier('scale-1000000-latency.txt'),
     '< 200 MB (at 1,000,000)', largest and largest_columns and largest_columns[1], 200, True, ' MB', None),
    row('story of an article at 1,000,000 articles, p95' + run_date_if_earlier('scale-1000000-latency.txt'), '< 20 ms',
     million and million[2].get('story') and million[2]['story'][2], 20, True, ' ms', None),
    row('API: add one article (POST, committed), p95' + run_date_if_earlier('api-writes.txt'), '< 50 ms', api_writes.get('add') and api_writes['add']['p95'], 50,
     True, ' ms', None, floor=api_writes.get('floor add') and api_writes['floor add']['p95']),
    row('10,000 alerts: a batch of 100 new articles checked and recorded, p95' + run_date_if_earlier('percolate.txt'), '< 2 s',
     batch_check and batch_check['check_p95_ms'] + batch_check['record_p95_ms'], 2000, True, ' ms', None),
    row('10,000 alerts: an API write\'s p95 grows by' + run_date_if_earlier('api-writes-alerts.txt'), '< 20 ms', write_growth, 20, True, ' ms', None),
    row('indexing peak memory (whole corpus)' + run_date_if_earlier(corpus_file), '< 1 GB', corpus and corpus['peak_mb'], 1024, True, ' MB', 'a'),
    row('gazette-serve resident memory under load (peak)' + run_date_if_earlier('throughput.txt'), '< 300 MB', serve_peak, 300, True, ' MB', None),
    row('the same under writes (the soak, peak)' + run_date_if_earlier('soak.txt'), '< 300 MB', soak_peak, 300, True,
        ' MB', None),
]
missed = []  # (what, profile, measured text, floor text, what the floor says)
for what, target, value, limit, lower, unit, prof, floor_value in rows:
    verdict = met(value, limit, lower)
    digits = 0 if unit in ("/s", " MB", "", " s") else 2
    w(f'| {what}: {target} | {fmt(value, digits, unit)} | {verdict} |')
    if verdict.startswith('**no'):
        if floor_value is None:
            says = 'not measured for this one'
        elif met(floor_value, limit, lower) == 'yes':
            says = 'meets it: the gap is Gazette\'s own work' + (f' (profile ({prof}) below)' if prof else '')
        else:
            says = 'misses it too: the target is below what Xapian 1.4 does here'
        missed.append((what, prof, fmt(value, digits, unit), fmt(floor_value, digits, unit) if floor_value is not None else '',
                       says))
if largest and largest[0] < 1000000:
    w(f'\nThe largest scale point of this run is {largest[0]:,} articles, not 1,000,000: '
      'that target is not measured by this run.')
if missed:
    w('\nMissed targets against their floor: the same measure for Xapian alone in this run (`gazette-index-floor`, '
      '`gazette-latency --xapian-floor`, `gazette-floor-serve`; the sections below say what each one does). '
      'A target the floor misses too is below what Xapian 1.4 does on this machine in this hour.\n')
    w('| missed target | Gazette | Xapian alone | the floor |\n|---|---|---|---|')
    for what, _, value_text, floor_text, says in missed:
        w(f'| {what} | {value_text} | {floor_text} | {says} |')
    w('\nWhere their time goes (the profiles below, by instruction counts; '
      'timings also include the other load of the machine, see "load" and the indexing CPU share):\n')
    for prof, profile_file, label in (('a', 'profile-index.txt', 'indexing'), ('b', 'profile-query.txt', 'faceted queries'),
                                      (None, None, None)):
        whats = [m[0] for m in missed if m[1] == prof]
        if whats and prof:
            w(f'- {"; ".join(whats)}. Profile ({prof}), {label}: {where_it_goes(profile_file)}.')
        elif whats:
            w(f'- {"; ".join(whats)}: no profile for this one (see its section).')
    if target_wrk and target_floor and any(m[0].startswith('wrk faceted') for m in missed):
        w(f'- The floor under the wrk figures (Xapian alone behind the same HTTP server, "Throughput over HTTP"): '
          f'{fmt(target_floor["req_s"], 0)} searches/s at {target_floor["connections"]} connections, '
          f'{fmt(target_floor["cpu_ms"], 2)} ms of server CPU a search, against Gazette\'s {fmt(target_wrk["cpu_ms"], 2)} ms.')
w('')

w('## Indexing the whole shared corpus\n')
w('Input: every file of `../shared/corpus` (the two JSON Lines files, Wikinews, the HTML pages and the '
  'text article; the HTML pages repeat 150 JSON articles and are counted once). "Text" is title + summary + body '
  'of the JSON Lines files. `gazette-index` builds one shard per core in parallel, then merges them: '
  'a new index is already compacted at the end of the import. The size after `xapian-compact` is of that '
  'result compacted once more, for comparison.\n')
w('| | wall s | CPU s (user + system) | articles/s | text MB/s | peak memory | index size | after xapian-compact |')
w('|---|---|---|---|---|---|---|---|')
for label, f in (('with entity extraction', corpus), ('`--no-entities`', noent)):
    if f:
        w(f'| {label} | {fmt(f["seconds"])} | {fmt(f["cpu_seconds"])} ({f["cpu"]}% of one core) '
          f'| {fmt(f["articles_s"], 0)} | {fmt(f["mb_s"], 2)} '
          f'| {fmt(f["peak_mb"], 0, " MB")} | {fmt(f["size_mb"], 0, " MB")} | {fmt(f["compact_mb"], 0, " MB")} |')
text_mb = corpus and corpus['text_mb']
if index_floor:
    w(f'| Xapian alone (`gazette-index-floor`) | {fmt(index_floor["seconds"])} | {fmt(index_floor["cpu_seconds"])} '
      f'| {fmt(index_floor["articles"] / index_floor["seconds"] if index_floor["seconds"] else None, 0)} '
      f'| {fmt(text_mb / index_floor["seconds"] if text_mb and index_floor["seconds"] else None, 2)} '
      f'| {fmt(index_floor["peak_mb"], 0, " MB")} | {fmt(index_floor["size_mb"], 0, " MB")} | |')
if lucene:
    w(f'| {lucene["version"].split(" (")[0]} (peers, one thread) | {fmt(lucene_index_s)} | | '
      f'{fmt(lucene["docs"] / lucene_index_s if lucene_index_s else None, 0)} '
      f'| {fmt(text_mb / lucene_index_s if text_mb and lucene_index_s else None, 2)} '
      f'| | {fmt(lucene_index_mb, 0, " MB")} | |')
if corpus:
    w(f'\n{corpus["articles"]:,} articles read, {corpus["added"]:,} indexed; {fmt(corpus["text_mb"], 0)} MB of text.')
if len(corpus_rounds) > 1 or len(lucene_rounds) > 1:
    w('\nThe comparison ran in rounds (`bench/run.sh`, step_index), each one measuring every side within a few '
      'minutes: Gazette\'s import, Xapian alone\'s, Lucene\'s import and searches, then Gazette\'s searches as the '
      'harness measures Lucene\'s (the "Lucene 4.10" section) and Xapian alone doing them. The figures of this report '
      'are each side\'s best round: the machine\'s other load only ever adds time. Every round:\n')
    w('| round | Gazette import s | Xapian alone s | Lucene import s | top-10 + section and year p95 ms: Gazette '
      '| the same without snippets | Xapian alone | Lucene |')
    w('|---|---|---|---|---|---|---|---|')
    def nth(rounds, r):
        return rounds[r - 1] if r <= len(rounds) else None

    for r in range(1, len(corpus_rounds) + 1):
        imported, alone, luc = nth(corpus_rounds, r), nth(floor_rounds, r), nth(lucene_rounds, r)
        g, ids, fl = (latency_table(round_name(n, r))[0].get('top10+section+year')
                      for n in ('peers-gazette.txt', 'peers-gazette-ids.txt', 'peers-floor.txt'))
        w(f'| {r} | {fmt(imported and imported["seconds"])} | {fmt(alone and alone["seconds"])} '
          f'| {fmt(luc and luc.get("index_seconds"))} | {fmt(g and g[2], 2)} | {fmt(ids and ids[2], 2)} '
          f'| {fmt(fl and fl[2], 2)} | {fmt(luc and luc["facet_query_ms"]["p95"], 2)} |')
if index_floor:
    w('\n"Xapian alone" is the floor under these figures: a plain indexer (`bench/index_floor.cc`, as in '
      '`../shared/notes/xapian-indexing.md`) that puts the same title, summary and body of the JSON Lines files through '
      '`Xapian::TermGenerator` with the French stemmer (exact words with positions, stems under Z), stores each JSON '
      'line as the document data, builds one database per core in parallel and compacts them, as gazette-index '
      'does. It has none of Gazette\'s own work: field prefixes (`titre:`, `resume:`, `auteur:`, `tag:`), filter terms, '
      'facet values, entities, spelling data, checks, upserts.')
    if corpus and index_floor['seconds']:
        w(f'Gazette takes {corpus["seconds"] / index_floor["seconds"]:.2f}× the floor\'s wall time and '
          f'{corpus["cpu_seconds"] / index_floor["cpu_seconds"]:.2f}× its CPU time.')
        if lucene_index_s:
            w(f'The floor itself is {index_floor["seconds"] / lucene_index_s:.1f}× Lucene\'s time and '
              f'{index_floor["size_mb"] / lucene_index_mb:.1f}× its index size: a target below those is below what '
              'Xapian 1.4 can do for this text.')
if corpus and corpus['stages']:
    w('\n### Where the import\'s time goes (`gazette-index --stats`)\n')
    w('Each thread times its own stages: "thread s" is the time a thread spent in the stage (summed over the '
      'threads that do it: the reader, one writer per shard), "CPU s" the CPU time it used there '
      '(`CLOCK_THREAD_CPUTIME_ID`), "CPU %" its share of the process\'s CPU time. Waiting stages use no CPU: they '
      'show which side of the pipeline is the bottleneck.\n')
    w('| stage | thread s | CPU s | CPU % |\n|---|---|---|---|')
    for name, thread_s, cpu_s, share in corpus['stages']:
        w(f'| {name} | {thread_s:.1f} | {cpu_s:.1f} | {share:.1f}% |')
    xapian = sum(cpu for name, _, cpu, _ in corpus['stages'] if name.startswith('Xapian') or name.startswith('merge'))
    total = sum(cpu for _, _, cpu, _ in corpus['stages'])
    if total:
        w(f'\nXapian\'s own stages (writes, commits, merge) are {xapian:.0f} of the {total:.0f} CPU seconds '
          f'({100 * xapian / total:.0f}%); the Xapian::Document building inside "analysis" is Xapian\'s too.')
if rerun:
    w(f'\nThe same import again over the index it built (nothing changed: the second `bash scripts/run.sh`): '
      f'{fmt(rerun["seconds"])} s wall, {fmt(rerun["cpu_seconds"])} CPU s, peak {fmt(rerun["peak_mb"], 0, " MB")}.')
w('')


def latency_md(rows, mode):
    w('| class | timed runs | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|')
    for name, (n, p50, p95, p99) in rows.items():
        w(f'| {name} | {n:,} | {p50:.2f} | {p95:.2f} | {p99:.2f} |')
    w(f'\n{mode or ""}\n')


w('## Query latency\n')
known_count = num(r'(\d+) queries', quality, int) or ''
w(f'Over the {known_count} known-item queries and the queries of '
  '`../shared/eval/queries.txt`, per class (`gazette-latency`); "top10" is every query, plain; "related" is 150 '
  'known-item articles; "suggest" the first 4 letters of each query. '
  f'{settings.get("warmup")} untimed warm-up passes, then {settings.get("repeats")} timed passes over every '
  'query of the class ("timed runs" counts them). In process: one Searcher, one thread. Over HTTP: one '
  'keep-alive connection to `gazette-serve` on loopback.\n')
w('### In process\n')
latency_md(inproc, inproc_mode)
w('### The floor: Xapian alone\n')
w('`gazette-latency --xapian-floor`: for each search of the class, Xapian\'s own `get_mset` of the same query and '
  'filters (the ranked pass for the page and, when facets are asked, the unweighted pass over every match), with '
  'no facet counting, no hit decoding and no snippets. What a search cannot cost less than on Xapian 1.4.\n')
if floor:
    w('| class | Gazette p50 ms | Xapian alone p50 ms | Gazette p95 ms | Xapian alone p95 ms |\n|---|---|---|---|---|')
    for name, (n, p50, p95, p99) in floor.items():
        g = inproc.get(name)
        w(f'| {name} | {fmt(g and g[1], 2)} | {p50:.2f} | {fmt(g and g[2], 2)} | {p95:.2f} |')
    w(f'\n{floor_mode or ""}\n')
else:
    w('not run\n')
w('### Over HTTP\n')
latency_md(http, http_mode)

w('## Throughput over HTTP\n')
w(f'`wrk -t2` against `gazette-serve` (default 16 worker threads) on loopback, {settings.get("wrk_seconds")} s '
  'per connection count after 5 s of warm-up, every request a search with all facets (`section,tag,source,date,entity`), the queries '
  'of `queries.txt` in turn. wrk runs on the same 2 cores as the server.\n')


def wrk_table(runs):
    w('| connections | req/s | p50 ms | p90 ms | p99 ms | max ms | requests | errors | server CPU ms a request |\n'
      '|---|---|---|---|---|---|---|---|---|')
    for r in runs:
        w(f'| {r["connections"]} | {fmt(r["req_s"], 0)} | {fmt(r["p50"], 2)} | {fmt(r["p90"], 2)} | {fmt(r["p99"], 2)} '
          f'| {fmt(r["max"], 1)} | {r["requests"]:,} | {r["errors"]} | {fmt(r["cpu_ms"], 2)} |')


wrk_table(wrk_runs)
w(f'\ngazette-serve resident memory: peak {fmt(serve_peak, 0, " MB")} (VmHWM, reached under the load), '
  f'{fmt(serve_after, 0, " MB")} after it. "Server CPU": the CPU time the server used during the run '
  '(user and system, `/proc`), over the requests answered.\n')
if floor_runs:
    w('The floor under these figures, measured: `gazette-floor-serve`, the same cpp-httplib server (16 worker '
      'threads, keep-alive, no Nagle) over the same index, answering the same wrk script with Xapian alone doing '
      'each search\'s work (the ranked pass for the page and the unweighted pass over every match, as '
      '`gazette-latency --xapian-floor`) and `{"total": N}`: no facet counting, hits, snippets or JSON.\n')
    wrk_table(floor_runs)
    w('')
floor_all = peer_floor_means.get('all facets')
if floor_all:
    w(f'In process, Xapian alone (`gazette-latency --xapian-floor`, the same queries of '
      f'`queries.txt` with all facets, one thread) takes {floor_all:.3f} ms of one core per search on '
      f'average: two cores cannot answer more than {2000 / floor_all:,.0f} such searches a second on Xapian 1.4, '
      f'before HTTP and wrk\'s own share of the cores.\n')
w('### Mixed load\n')
w('`wrk -t2` with `bench/wrk_mix.lua` (in turn 4 searches with all facets, 2 article pages, 2 related lists and '
  '2 suggestions in 10 requests), no writes; errors are socket errors and HTTP errors.\n')
# wrk_mix.lua prints p50 and p99 only: not wrk_table's columns.
w('| server | connections | req/s | p50 ms | p99 ms | requests | errors | server CPU ms a request |\n'
  '|---|---|---|---|---|---|---|---|')
for who, runs in (('Gazette', mix_runs), ('Xapian alone', mix_floor_runs)):
    for r in runs:
        w(f'| {who} | {r["connections"]} | {fmt(r["req_s"], 0)} | {fmt(r["p50"], 2)} | {fmt(r["p99"], 2)} '
          f'| {r["requests"]:,} | {r["errors"]} | {fmt(r["cpu_ms"], 2)} |')
w('')
if mix_floor_runs:
    w('"Xapian alone" is the floor under the mixed load: `gazette-floor-serve`, the same HTTP server, answering '
      'the same script with what Gazette asks of Xapian for each request and nothing else (`bench/xapian_floor.h` '
      'says what, request by request).\n')

w('## Soak (`bench/soak.sh`)\n')
soak_files = sorted(n for n in os.listdir(RAW) if n.startswith('soak') and n.endswith('.txt'))
if soak_files:
    w('`wrk -t2` one minute at a time over the whole-corpus index (a copy), with `bench/wrk_mix.lua`: in '
      'turn 4 searches with all facets, 2 article pages, 2 related lists and 2 suggestions in 10 requests, while '
      'a writer posts a Wikinews article under a new id every 0.2 s and deletes the one posted ten writes '
      'earlier (each write is committed before its 2xx). wrk counts a request unanswered after 2 s as a '
      'timeout, a socket error.\n')
else:
    w('not run (`bench/run.sh`, step soak)\n')
for name in soak_files:
    soak = text(name)
    run_by = commands(soak)
    w(f'`{run_by[0] if run_by else name}`:\n')
    w('| minute | req/s | p50 ms | p99 ms | socket errors | of which timeouts | HTTP 4xx/5xx | by status '
      '| resident MB |\n|---|---|---|---|---|---|---|---|---|')
    for line in soak.splitlines():
        cells = line.split()
        if len(cells) == 9 and cells[0].isdigit():
            w('| ' + ' | '.join(cells) + ' |')
    w('')
    for key in ('run', 'writes', 'errors', 'p99', 'memory', 'verdict'):
        m = re.search(rf'^{key}: (.*)$', soak, re.M)
        w(f'- {key}: {m.group(1) if m else "not printed"}')
    w('')

w('## Scale\n')
w('Points above 63,130 articles are synthetic: the real articles, then copies of them with new ids (`<id>~k`) '
  'and dates k years earlier, until the count is reached (`gazette-synth-corpus`); so words and their frequencies '
  'are the real ones, repeated. The 63,130 point is the whole-corpus index above. Everything on (entities). '
  'Latency in process, the two faceted classes. Plot: `bench/scale.png`.\n')
w('"Xapian alone" is `gazette-index-floor` over the same articles (see "Indexing the whole shared corpus"): '
  'the floor under the wall time at that scale.\n')
w('| articles | copies | wall s | Xapian alone s | articles/s | peak memory | index size '
  '| top10+section+year p50 / p95 ms | all facets p50 / p95 ms |\n|---|---|---|---|---|---|---|---|---|')
dat = ['# articles index_s index_mb sy_p50 sy_p95 af_p50 af_p95']
for n, f, lat in scale_points:
    s, a = lat.get('top10+section+year'), lat.get('all facets')
    if not f:
        w(f'| {n:,} | not run | | | | | | | |')
        continue
    floor_s = scale_floors.get(n) and scale_floors[n]['seconds']
    w(f'| {f["added"]:,} | {f["copies"]} | {fmt(f["seconds"])} | {fmt(floor_s)} | {fmt(f["articles_s"], 0)} '
      f'| {fmt(f["peak_mb"], 0, " MB")} | {fmt(f["size_mb"], 0, " MB")} | {fmt(s and s[1], 2)} / {fmt(s and s[2], 2)} '
      f'| {fmt(a and a[1], 2)} / {fmt(a and a[2], 2)} |')
    if s and a:
        dat.append(f'{f["added"]} {f["seconds"]:.1f} {f["size_mb"]:.0f} {s[1]} {s[2]} {a[1]} {a[2]}')
w('')
w('### Facet columns: building and extending\n')
w('`gazette-latency` at each scale point: the columns built from the value streams (what `gazette-serve` does for '
  'a new index or after a replace or delete), and extended after a commit that only added documents: the columns '
  'of all but the last 10 or 1,000 document ids, extended to all of them.\n')
w('| articles | build s | memory | extend, 10 added ids, s | extend, 1,000 added ids, s |\n|---|---|---|---|---|')
for n, f, lat in scale_points:
    c = columns_cost('latency-inprocess.txt' if n == CORPUS_ARTICLES else f'scale-{n}-latency.txt')
    if c:
        w(f'| {n:,} | {c[0]:.3f} | {c[1]:.1f} MB | {fmt(c[2].get(10), 4)} | {fmt(c[2].get(1000), 4)} |')
    else:
        w(f'| {n:,} | not run | | | |')
w('')
with open(SCALE_DAT, 'w') as d:
    d.write('\n'.join(dat) + '\n')


def tsv_after(header_start, t):
    """The rows of the TSV table that follows the line starting with header_start."""
    lines = (t or '').splitlines()
    for i, line in enumerate(lines):
        if line.startswith(header_start):
            return [r.split('\t') for r in lines[i + 1:] if r.count('\t') >= 3 and not r.startswith('#')]
    return []


w('## Shards on loopback (`bench/cluster_bench.sh`)\n')
w('Each shard is an ordinary index (`gazette-index --shards N --keep-shards`) served by its own stock '
  '`xapian-tcpsrv` on 127.0.0.1 (`remote`), behind one `gazette-serve --cluster`; `local` serves the '
  'one-shard folder with `--db` (no remote protocol). "all facets" searches over HTTP '
  '(`gazette-latency --url`, p50/p95 ms) and `wrk` with `bench/wrk_search.lua` (32 connections). '
  'All processes share the machine\'s cores: on one machine, shards measure the cost of the remote '
  'protocol, not the gain of more hardware.\n')
cluster_files = sorted(n for n in os.listdir(RAW) if n.startswith('cluster-') and n.endswith('.txt'))
for name in cluster_files:
    rows = tsv_after('mode\tshards', text(name))
    label = name[len('cluster-'):-len('.txt')]
    label = 'The shared corpus' if label == 'corpus' else f'{int(label):,} articles (synthetic)'
    run_by = commands(text(name))  # the last one measured
    w(f'{label} (`{run_by[-1] if run_by else name}`):\n')
    w('| mode | shards | indexing s | p50 ms | p95 ms | requests/s |\n|---|---|---|---|---|---|')
    for mode, shards, index_s, p50, p95, rps in (r[:6] for r in rows if len(r) >= 6):
        index_s = 'reused' if index_s == '-' else f'{float(index_s):.1f}'  # date +%s.%N differences
        w(f'| {mode} | {shards} | {index_s} | {p50} | {p95} | {rps} |')
    w('')
if 'cluster-corpus.txt' not in cluster_files:
    w('The shared corpus in 1, 2 and 4 shards: not run (`bench/run.sh`, step cluster).\n')
for name in sorted(n for n in os.listdir(RAW) if n.startswith('shard-fault-')):
    t = text(name)
    title = re.search(r'^== issue 8: (.*)$', t, re.M)
    w(f'`bench/shard_fault.sh`: {title.group(1) if title else name}. The first request after a fault finds it; '
      'the next one meets an endpoint that failed less than a second ago and skips it.\n')
    w('| state | on_failure | request | status | ms | total | partial | failed shards |\n|---|---|---|---|---|---|---|---|')
    for r in tsv_after('state\ton_failure', t):
        w('| ' + ' | '.join(r[:8]) + ' |')
    w('')

w('## Search quality\n')
w('On the whole-corpus index, with the development judgments of `../shared/eval`.\n')
ki = re.search(r'known items: (\d+) queries, MRR@10 ([\d.]+), recall@10 ([\d.]+)', quality)
rel = re.search(r'related: (\d+) source articles, (\d+) links; recall@10 per source ([\d.]+), over links ([\d.]+)', quality)
w('| measure | value |\n|---|---|')
if ki:
    w(f'| known-item MRR@10 ({ki.group(1)} queries) | {ki.group(2)} |')
    w(f'| known-item recall@10 | {ki.group(3)} |')
if rel:
    w(f'| related recall@10, mean per source ({rel.group(1)} sources, {rel.group(2)} links) | {rel.group(3)} |')
    w(f'| related recall@10, over all links | {rel.group(4)} |')
# Searches and related lists show one version of a text (DESIGN.md,
# "Versions"): the same figures with a version of the judged article counted.
kiv = re.search(r'known items, versions counted: MRR@10 ([\d.]+), recall@10 ([\d.]+)', quality)
relv = re.search(r'related, versions counted: recall@10 per source ([\d.]+), over links ([\d.]+)', quality)
if kiv:
    w(f'| known-item MRR@10 / recall@10, a version of the article counted | {kiv.group(1)} / {kiv.group(2)} |')
if relv:
    w(f'| related recall@10 per source / over links, a version counted (or listed on the article page) '
      f'| {relv.group(1)} / {relv.group(2)} |')
grouped = re.search(r'(\d+) articles put into groups of versions', text('index-corpus.txt') or '')
if grouped:
    w(f'| articles grouped with their versions (near-duplicates) at indexing | {int(grouped.group(1)):,} |')
stories_text = text('story-quality.txt') or ''
curve = [line.split() for line in stories_text.splitlines() if re.match(r'^\s*[\d.]+\s+\d+\s+\d+', line)]
if curve:
    w('\n### Stories\n')
    w('`gazette-story-quality` clusters the whole-corpus index in memory at each cosine threshold (window 14 days; '
      'DESIGN.md, "Stories"; the index uses 0.25) and counts the editors\' links of `related.tsv` whose two '
      'articles land in one story: over all links, and over the links between articles at most 14 days apart '
      '(editors link background as much as follow-ups: half of the links span more than a year). '
      'Mean size: of the story an article is in, averaged over articles.\n')
    w('| threshold | stories | articles in stories of 2+ | mean size | largest | links in one story | '
      'links ≤ 14 days apart in one story | seconds |\n|---|---|---|---|---|---|---|---|')
    for c in curve:
        w(f'| {c[0]} | {int(c[2]):,} | {int(c[3]):,} | {c[4]} | {c[5]} | {c[6]} {c[7]} | {c[8]} {c[9]} | {c[10]} |')
    judged_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'tests', 'data', 'stories-judged',
                               'stories30.tsv')
    if os.path.exists(judged_path):
        rows = [l.rstrip('\n').split('\t') for l in open(judged_path, encoding='utf-8')][1:]
        verdicts = [r[2] for r in rows if len(r) > 3]
        size = sum(int(r[1]) for r in rows if len(r) > 3)
        off = sum(int(r[3]) for r in rows if len(r) > 3)
        w(f'\n30 stories of 2+ articles drawn at random and read by hand (`tests/data/stories-judged/`): '
          f'{verdicts.count("YES")} one story, {verdicts.count("PARTLY")} mostly one, {verdicts.count("NO")} '
          f'mixed; {size - off} of {size} articles belong to their story\'s subject '
          f'({(size - off) / size:.1%}).')
if any(k in api_writes for k in ('add', 'delete')):
    w('\n### Writes through the API\n')
    w('`bench/api_writes.py`: 200 Le Monde articles sent again under new ids, dated two days later, one request each '
      '(each committed before it answers), then deleted one by one, on a copy of the whole-corpus index. '
      'The floor: `gazette-write-floor`, Xapian alone adding a copy of an article\'s document and deleting it, a '
      'commit each, with and without syncing.\n')
    w('| request | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|')
    for kind in ('add', 'floor add', 'floor add, no sync', 'delete', 'floor delete', 'floor delete, no sync'):
        f = api_writes.get(kind)
        if f:
            w(f'| {kind} | {f["p50"]:.2f} | {f["p95"]:.2f} | {f["p99"]:.2f} |')
    if 'joined' in api_writes:
        w(f'\n{api_writes["joined"][0]} of {api_writes["joined"][1]} added articles joined their original\'s story.')
if percolate:
    w('\n### Alerts (percolation)\n')
    w(f'`gazette-percolate`: {percolate.get("alerts", 0):,} alerts made from the index (a word of a title, two words, '
      'a phrase, an entity, a section and a word; each in at most 1 % of the articles), checked against batches of '
      'articles of the index as the service checks a commit\'s new articles, the matches recorded in an AlertStore. '
      'The floor: Xapian alone copying the batch into an in-memory database and running every alert\'s query.\n')
    w('| batch | check p50 ms | check p95 ms | record p95 ms | candidates run | matches | floor p50 ms | floor p95 ms |\n'
      '|---|---|---|---|---|---|---|---|')
    for size in sorted(k for k in percolate if isinstance(k, int)):
        f = percolate[size]
        w(f'| {size} | {f["check_p50_ms"]:.2f} | {f["check_p95_ms"]:.2f} | {f["record_p95_ms"]:.2f} | '
          f'{f["candidates_per_batch"]:.0f} | {f["matches_per_batch"]:.1f} | {f["every_alert_run_p50_ms"]:.2f} | '
          f'{f["every_alert_run_p95_ms"]:.2f} |')
    if api_writes_alerts.get('add'):
        a = api_writes_alerts['add']
        w(f'\nAPI writes with the alerts saved in the service (`bench/api_writes.py --alerts`): add p50 {a["p50"]:.2f}, '
          f'p95 {a["p95"]:.2f} ms (without: see "Writes through the API"); the alerts are checked on their own thread, '
          'after the answer.')
w('\nEntity recall by type (`gazette-entity-quality`, Le Monde\'s keywords of `keywords.tsv`):\n')
w('| type | keywords | found | recall | recall if named in the text |\n|---|---|---|---|---|')
for line in (text('entity-quality.txt') or '').splitlines():
    m = re.match(r'^(.+?)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+) \((\d+)\)$', line)
    if m:
        w(f'| {m.group(1)} | {m.group(2)} | {m.group(3)} | {m.group(4)} | {m.group(5)} ({m.group(6)}) |')
w('')
judged = [re.match(r'^(all|set \w+|source \w+)\s+(\d+)\s+(\d+)\s+(\d+) \| P ([\d.]+) R ([\d.]+) \| (\S+) / (\S+) \| (\S+) / (\S+) \| (\S+) / (\S+)$', line)
          for line in (text('entity-quality.txt') or '').splitlines()]
judged = [m for m in judged if m]
if judged:
    w('Entities of the articles tagged by hand (`tests/data/entities-gold/`, its `GUIDELINES.md` says how each set '
      'was made; `gazette-entity-quality --judged`; precision P and recall R; `dev` and `check2`: articles whose '
      'misses were read while changing the extractor, `check` too since session 19, `check3`: only measured):\n')
    w('| articles | tagged | found | matched | P | R | person P / R | place P / R | organisation P / R |\n'
      '|---|---|---|---|---|---|---|---|---|')
    for m in judged:
        g = m.groups()
        w(f'| {g[0]} | {g[1]} | {g[2]} | {g[3]} | {g[4]} | {g[5]} | {g[6]} / {g[7]} | {g[8]} / {g[9]} | {g[10]} / {g[11]} |')
    w('')

# Quotes: judged by hand once (bench/quote_judgments.md), not measured by the run.
QUOTES_TEXT = ('### Quotes\n\n'
               'Quotes and their speakers (`entities/quotes.h`) checked by reading the articles: a random sample of '
               '100 extracted quotes, 100 quotes that have a speaker, and every quote of 20 articles read in full '
               '(recall). Method, seeds and each judgment: `bench/quote_judgments.md`.\n')


def quote_figures():
    """The summary table of bench/quote_judgments.md, as its lines."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'quote_judgments.md')
    if not os.path.exists(path):
        return []
    lines, inside = [], False
    for line in open(path, encoding='utf-8'):
        if line.startswith('## '):
            inside = line.strip() == '## Summary'
        elif inside and line.startswith('|'):
            lines.append(line.rstrip('\n'))
    return lines


if quote_figures():
    w(QUOTES_TEXT)
    for line in quote_figures():
        w(line)
    w('')

w('## Lucene 4.10, in the same run\n')
w('The peers\' harness (`../shared/peers`, `PEERS=lucene run_all.sh`, `lucene/related.sh`) on the same 63,130 '
  'articles (its JSON format: title, body, date, section), the queries of `queries.txt`, '
  f'{settings.get("peer_warmup")} warm-up and {settings.get("peer_repeats")} timed passes; Gazette measured the '
  'same way (`gazette-latency --no-known-queries`, same passes). Lucene indexes title and body on one thread; '
  'Gazette indexes more (summary, tags, authors, entities, the stored article) on one writer per core. On a shared machine '
  'only these ratios are fair. The harness reads the id of each of Lucene\'s hits; Gazette\'s hits carry the stored '
  'article and, by default, three snippets: the rows "without snippets" are Gazette asked for what the harness '
  'asks of Lucene (`gazette-latency --snippets 0`, the API\'s `snippets=0`).\n')
if lucene:
    pg_top, pf_top = peer_gazette.get('top10'), peer_floor.get('top10')
    rel_lucene = None
    if lucene_related:
        v = next(iter(lucene_related['variants'].values()))
        rel_lucene = v['recall_at_10']
    w('"Xapian alone" is `gazette-latency --xapian-floor` on the same queries and passes: Xapian\'s own `get_mset` '
      'of each search (the ranked pass, and the counting pass when counts are asked) with no counting, hit '
      'reading or snippets, the least a search costs on Xapian 1.4.\n')
    w('| measure | Gazette | Lucene | Gazette / Lucene | Xapian alone | Xapian alone / Lucene |\n|---|---|---|---|---|---|')
    ratio_rows = [
        ('indexing time, s (Gazette: entities on)', corpus and corpus['seconds'], lucene['index_seconds'], None),
        ('indexing time, s (Gazette: `--no-entities`)', noent and noent['seconds'], lucene['index_seconds'], None),
        ('index size, MB', corpus and corpus['size_mb'], lucene['index_bytes'] / MB, None),
        ('top-10 p50 ms', pg_top and pg_top[1], lucene['query_ms']['p50'], pf_top and pf_top[1]),
        ('top-10 p95 ms', pg_top and pg_top[2], lucene['query_ms']['p95'], pf_top and pf_top[2]),
        ('top-10 + section and year counts p50 ms', peer_sy and peer_sy[1], lucene['facet_query_ms']['p50'],
         peer_floor_sy and peer_floor_sy[1]),
        ('top-10 + section and year counts p95 ms', peer_sy and peer_sy[2], lucene['facet_query_ms']['p95'],
         peer_floor_sy and peer_floor_sy[2]),
        ('the same, Gazette\'s hits without snippets (`--snippets 0`), p50 ms', peer_ids_sy and peer_ids_sy[1],
         lucene['facet_query_ms']['p50'], peer_floor_sy and peer_floor_sy[1]),
        ('the same, Gazette\'s hits without snippets, p95 ms', peer_ids_sy and peer_ids_sy[2],
         lucene['facet_query_ms']['p95'], peer_floor_sy and peer_floor_sy[2]),
        ('related recall@10 (mean per source)', rel and float(rel.group(3)), rel_lucene, None),
    ]
    for what, g, l, x in ratio_rows:
        ratio = f'{g / l:.2f}' if g is not None and l else 'n/a'
        floor_cells = f'| {fmt(x, 2)} | {x / l:.2f} |' if x is not None and l else '| | |'
        w(f'| {what} | {fmt(g, 3 if g is not None and g < 1 else 2)} | {fmt(l, 3 if l is not None and l < 1 else 2)} '
          f'| {ratio} {floor_cells}')
    w(f'\nLucene: {lucene.get("docs"):,} documents, {lucene.get("version", "")}.\n')
else:
    w('not run\n')

w('## Profiles (callgrind instruction counts)\n')
w('Inclusive cost: the share of all instructions spent in a function and in what it calls (so shares overlap). '
  'Instruction counts, unlike timings, repeat on a loaded machine; they do not show waiting (I/O, locks).\n')
for label, name in (('(a) indexing ' + settings.get('profile_articles', '?') + ' articles (`gazette-index`, '
                     'everything on)', 'profile-index.txt'),
                    ('(b) one pass of the two faceted classes in process (`gazette-latency`)', 'profile-query.txt')):
    total, inclusive, libraries = profile(name)
    w(f'### {label}\n')
    if not inclusive:
        w('not run\n')
        continue
    w(f'{total:,.0f} instructions in all. Own instructions by library (Debian\'s libxapian has no symbols: '
      'its internals are counted here, and in the table below under its public functions): '
      + ', '.join(f'{lib} {share:.1f}%' for share, lib in libraries) + '.\n')
    w('| inclusive share | function |\n|---|---|')
    for share, fn in inclusive:
        w(f'| {share:.1f}% | `{fn}` |')
    w('')

w('## How this was run\n')
w('```sh\nbash bench/run.sh    # from the repo root; environment: ' + ', '.join(
    f'{k}={settings.get(k)}' for k in ('quick', 'scales', 'warmup', 'repeats', 'wrk_seconds', 'wrk_connections')) + '\n```\n')
w('Each step, its wall time in this run (a step whose outputs were kept from an earlier run takes ~0 s):\n')
steps = {}
for line in (text('steps.txt') or '').splitlines():
    name, seconds = line.split()
    steps[name] = seconds  # the last run of each step
w('| step | s |\n|---|---|')
for name, seconds in steps.items():
    w(f'| {name} | {seconds} |')
w('\nThe exact commands, with the seconds each took (from the raw outputs):\n\n```')
for name in sorted(os.listdir(RAW)):
    t = text(name) if name.endswith('.txt') else ''
    run_by = commands(t)
    if run_by:
        seconds = num(r'^# seconds: (\d+)', t, int)
        w(f'# {name}: {seconds} s')
        w('\n'.join(run_by))
w('```')

with open(OUT, 'w', encoding='utf-8') as f:
    f.write('\n'.join(out) + '\n')
