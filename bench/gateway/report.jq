# Turns run.sh's results (one record per run, slurped) into the markdown
# table: medians of the per-round values; "added" values are the median of
# each round's gateway-minus-direct difference.

def median:
  map(select(. != null)) | sort
  | if length == 0 then null
    elif length % 2 == 1 then .[length / 2 | floor]
    else (.[length / 2 - 1] + .[length / 2]) / 2 end;

def runs($t; $k): map(select(.target == $t and .kind == $k));
def med($t; $k; f): runs($t; $k) | map(.result | f) | median;
def added($t; $k; f):
  . as $all
  | runs($t; $k)
  | map(.round as $r | (.result | f) as $g
        | ($all | map(select(.target == "direct" and .kind == $k
                             and .round == $r))[0].result | f) as $d
        | if $g == null or $d == null then null else $g - $d end)
  | median;
def rss($t; $p): map(select(.kind == "rss" and .target == $t and .phase == $p))
  | map(.kb / 1024) | median;

def ms: if . == null then "—" else (. * 1000 | round / 1000 | tostring) end;
def n0: if . == null then "—" else (round | tostring) end;
def mb: if . == null then "—" else (. * 10 | round / 10 | tostring) end;
# How many times better aihost is: cost ratio (Portkey / aihost), or for
# throughput (aihost / Portkey).
def times($a; $p):
  if $a == null or $p == null or $a <= 0 or $p <= 0 then "—"
  else "\(($p / $a) * 10 | round / 10)×" end;

. as $d
| ($d | map(.target) | unique) as $present
| def col($t; v): if ($present | index($t)) then v else null end;
  def row($title; d; a; p; $fmt; $ratio):
    "| \($title) | \(d | if $fmt == "ms" then ms elif $fmt == "mb" then mb else n0 end) | \(a | if $fmt == "ms" then ms elif $fmt == "mb" then mb else n0 end) | \(p | if $fmt == "ms" then ms elif $fmt == "mb" then mb else n0 end) | \($ratio) |";
  def cost($title; f; $k; $fmt):
    ($d | col("direct"; med("direct"; $k; f))) as $x
    | ($d | col("aihost"; med("aihost"; $k; f))) as $a
    | ($d | col("portkey"; med("portkey"; $k; f))) as $p
    | row($title; $x; $a; $p; $fmt; "");
  def add($title; f; $k):
    ($d | col("aihost"; added("aihost"; $k; f))) as $a
    | ($d | col("portkey"; added("portkey"; $k; f))) as $p
    | row($title; null; $a; $p; "ms"; times($a; $p));
  "| metric | direct | aihost | Portkey | aihost advantage |",
  "|---|---|---|---|---|",
  cost("c=1 latency p50 (ms)"; .latency_ms.p50; "c1"; "ms"),
  cost("c=1 latency p99 (ms)"; .latency_ms.p99; "c1"; "ms"),
  add("**added latency p50, c=1 (ms)**"; .latency_ms.p50; "c1"),
  add("**added latency p99, c=1 (ms)**"; .latency_ms.p99; "c1"),
  ( ($d | col("direct"; med("direct"; "rps"; .rps))) as $x
    | ($d | col("aihost"; med("aihost"; "rps"; .rps))) as $a
    | ($d | col("portkey"; med("portkey"; "rps"; .rps))) as $p
    | row("**throughput, c=\($d | map(select(.kind == "rps"))[0].result.concurrency) (req/s, one gateway core)**";
          $x; $a; $p; "n0"; times($p; $a)) ),
  cost("latency p50 at that load (ms)"; .latency_ms.p50; "rps"; "ms"),
  cost("latency p99 at that load (ms)"; .latency_ms.p99; "rps"; "ms"),
  cost("SSE time to first token p50 (ms)"; .ttft_ms.p50; "sse"; "ms"),
  add("**SSE added time to first token p50 (ms)**"; .ttft_ms.p50; "sse"),
  cost("SSE inter-chunk gap p50 (ms)"; .gap_ms.p50; "sse"; "ms"),
  cost("SSE inter-chunk gap p99 (ms)"; .gap_ms.p99; "sse"; "ms"),
  add("SSE added inter-chunk gap p50 (ms)"; .gap_ms.p50; "sse"),
  add("SSE added inter-chunk gap p99 (ms)"; .gap_ms.p99; "sse"),
  ( [ "idle", "load", "after" ] | .[] as $ph
    | ($d | col("aihost"; rss("aihost"; $ph))) as $a
    | ($d | col("portkey"; rss("portkey"; $ph))) as $p
    | row("RSS \({"idle": "idle", "load": "peak under load", "after": "after load"}[$ph]) (MB)";
          null; $a; $p; "mb"; times($a; $p)) ),
  ( [ "direct", "aihost", "portkey" ]
    | map(. as $t | $d | map(select(.target == $t and .kind != "rss"))
          | if length == 0 then null
            else (map(.result.failed) | add) end)
    | "| failed requests (all runs) | \(.[0] // "—") | \(.[1] // "—") | \(.[2] // "—") | |" )
