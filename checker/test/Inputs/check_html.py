#!/usr/bin/env python3
"""check_html.py REPORT.html: renders a gfpdep HTML report in headless
Chromium and prints what the rendered page shows, one fact per line, for
FileCheck:

  findings N                      section.finding elements
  errors N                        the run's errors the page lists
  rule gfpdep-<id> N              findings under each rule heading
  broken-links N                  in-page links whose target does not exist
  leaf-targets-highlighted N/M    findings whose leaf link lands on a
                                  highlighted source line
  hit-line <id> <text>            each highlighted source line, as rendered
  unavailable-sources N           files shown as "source not available"
  external-resources N            anything the page fetched besides itself
  svg WxH                         the lock graph's rendered size (0x0: none)
  nodes N cycle-nodes M           graph nodes, those on a cycle
  edges N cycle-edges M           graph edges, those on a cycle
  cycle-edge-stroke rgb(...)      the computed colour of the cycle edges
  clipped-nodes N                 nodes (with their labels) outside the drawing
  node <name> cycle|plain         each node
  edge <from> -> <to> cycle|plain each edge
  overlapping-nodes N             pairs of node boxes that overlap

The report is loaded in an iframe of a page of our own, so its DOM,
layout and computed styles are read from the browser, not from the HTML
text. Chromium must be installed (Debian: chromium)."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

PROBE = r"""<!DOCTYPE html><html><body>
<iframe id="r" src="%s" style="width:1200px;height:900px"></iframe>
<pre id="out">pending</pre>
<script>
document.getElementById('r').addEventListener('load', () => {
  const d = document.getElementById('r').contentDocument;
  const w = document.getElementById('r').contentWindow;
  const o = [];
  o.push('findings ' + d.querySelectorAll('section.finding').length);
  o.push('errors ' + d.querySelectorAll('#errors li').length);
  for (const h of d.querySelectorAll('h3.rulehead')) {
    let n = 0;
    for (let e = h.nextElementSibling; e && e.tagName === 'SECTION'; e = e.nextElementSibling) n++;
    o.push('rule ' + h.id + ' ' + n);
  }
  let broken = 0;
  for (const a of d.querySelectorAll('a[href^="#"]'))
    if (!d.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)))) broken++;
  o.push('broken-links ' + broken);
  let lit = 0, all = 0;
  for (const s of d.querySelectorAll('section.finding')) {
    all++;
    const a = s.querySelector('h4 a');
    const t = a && d.getElementById(a.getAttribute('href').slice(1));
    if (t && t.classList.contains('hit')) lit++;
  }
  o.push('leaf-targets-highlighted ' + lit + '/' + all);
  for (const tr of d.querySelectorAll('table.src tr.hit'))
    o.push('hit-line ' + tr.id + ' ' + tr.cells[1].textContent);
  o.push('unavailable-sources ' + [...d.querySelectorAll('p.meta')].filter(
      p => p.textContent.startsWith('source not available')).length);
  o.push('external-resources ' + w.performance.getEntriesByType('resource').length);
  const svg = d.querySelector('svg.graph');
  if (!svg) { o.push('svg 0x0'); }
  else {
    const r = svg.getBoundingClientRect();
    o.push('svg ' + (r.width > 0 ? 'visible' : '0') + 'x' + (r.height > 0 ? 'visible' : '0'));
    const nodes = [...svg.querySelectorAll('g.node')];
    const edges = [...svg.querySelectorAll('g.edge')];
    o.push('nodes ' + nodes.length + ' cycle-nodes ' +
           nodes.filter(n => n.classList.contains('cycle')).length);
    o.push('edges ' + edges.length + ' cycle-edges ' +
           edges.filter(e => e.classList.contains('cycle')).length);
    const ce = svg.querySelector('g.edge.cycle path');
    o.push('cycle-edge-stroke ' + (ce ? w.getComputedStyle(ce).stroke : 'none'));
    const vb = svg.viewBox.baseVal;
    let clipped = 0;
    const boxes = nodes.map(n => n.querySelector('rect,circle').getBBox());
    for (const n of nodes) {
      const b = n.getBBox(); // the shape and its label
      if (b.x < 0 || b.y < 0 || b.x + b.width > vb.width || b.y + b.height > vb.height) clipped++;
    }
    o.push('clipped-nodes ' + clipped);
    let overlap = 0;
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.x < b.x + b.width && b.x < a.x + a.width &&
            a.y < b.y + b.height && b.y < a.y + a.height) overlap++;
      }
    o.push('overlapping-nodes ' + overlap);
    for (const n of nodes)
      o.push('node ' + n.dataset.name + ' ' + (n.classList.contains('cycle') ? 'cycle' : 'plain'));
    for (const e of edges)
      o.push('edge ' + e.dataset.from + ' -> ' + e.dataset.to + ' ' +
             (e.classList.contains('cycle') ? 'cycle' : 'plain'));
  }
  document.getElementById('out').textContent = JSON.stringify(o);
});
</script></body></html>
"""


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    report = os.path.abspath(sys.argv[1])
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        sys.exit("check_html.py: chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        probe = os.path.join(tmp, "probe.html")
        with open(probe, "w") as f:
            f.write(PROBE % ("file://" + report))
        cmd = [browser, "--headless=new", "--no-sandbox", "--disable-gpu",
               "--allow-file-access-from-files", "--no-first-run",
               "--user-data-dir=" + os.path.join(tmp, "profile"),
               "--virtual-time-budget=10000", "--dump-dom", "file://" + probe]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    m = re.search(r'<pre id="out">(.*?)</pre>', out.stdout, re.S)
    if not m or m.group(1) == "pending":
        sys.exit("check_html.py: the page did not render:\n" + out.stdout[-2000:] +
                 out.stderr[-2000:])
    text = m.group(1).replace("&quot;", '"').replace("&lt;", "<").replace(
        "&gt;", ">").replace("&amp;", "&")
    for line in json.loads(text):
        print(line)


if __name__ == "__main__":
    main()
