using System.Globalization;
using System.Net;
using TokenHound.Core;

namespace TokenHound.Reporting;

/// <summary>
/// One self-contained HTML file: no external CSS, JS, fonts or images (a Content-Security-Policy forbids loading any),
/// a summary chart (inline SVG stacked bars of findings by family and severity), a filterable and sortable findings
/// table, sections and warnings. Every piece of report text goes through <see cref="WebUtility.HtmlEncode"/>.
/// </summary>
public sealed class HtmlReportWriter : IReportWriter
{
    public string Format => "html";

    /// <summary>Bar colours by severity.</summary>
    public static string Colour(Severity s) => s switch
    {
        Severity.Critical => "#8b0000",
        Severity.High => "#d9480f",
        Severity.Medium => "#e6a700",
        Severity.Low => "#1c7ed6",
        _ => "#868e96",
    };

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    public void Write(ScanReport report, TextWriter o, ReportOptions options)
    {
        var findings = ReportData.WorstFirst(report);
        var title = $"{ReportWriters.ToolName} {report.Command} report" + (report.Target.Length > 0 ? $": {report.Target}" : "");
        o.WriteLine("<!DOCTYPE html>");
        o.WriteLine("<html lang=\"en\">");
        o.WriteLine("<head>");
        o.WriteLine("<meta charset=\"utf-8\">");
        o.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        o.WriteLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">");
        o.WriteLine($"<title>{E(title)}</title>");
        o.WriteLine("<style>");
        o.WriteLine(Css);
        o.WriteLine("</style>");
        o.WriteLine("</head>");
        o.WriteLine("<body>");
        o.WriteLine($"<header><h1>{E(title)}</h1>");
        var facts = new List<string>
        {
            $"generated {E(ReportData.Iso(ReportData.GeneratedAt(options)))}",
            $"{E(ReportWriters.ToolName)} {E(options.ToolVersion)}",
            $"duration {E(ReportData.Duration(report.Duration))}",
        };
        if (report.Stats.Count > 0)
        {
            facts.Add(E(ReportData.Stats(report)));
        }

        if (report.Suppressed > 0)
        {
            facts.Add($"{report.Suppressed} suppressed");
        }

        o.WriteLine($"<p class=\"meta\">{string.Join(" · ", facts)}</p></header>");

        WriteSummary(o, findings);
        WriteFindings(o, findings, options);

        foreach (var s in report.Sections)
        {
            WriteSection(o, s);
        }

        if (report.Warnings.Count > 0)
        {
            o.WriteLine("<section id=\"warnings\">");
            o.WriteLine($"<details><summary><h2>{report.Warnings.Count} warning(s)</h2></summary>");
            o.WriteLine("<ul>");
            foreach (var w in report.Warnings)
            {
                o.WriteLine($"<li><code>{E(w.Input)}</code>: {E(w.Message)}</li>");
            }

            o.WriteLine("</ul></details></section>");
        }

        o.WriteLine($"<footer>{E(ReportWriters.ToolName)} {E(options.ToolVersion)} · <a href=\"{E(options.InformationUri)}\">{E(options.InformationUri)}</a></footer>");
        o.WriteLine("<script>");
        o.WriteLine(Script);
        o.WriteLine("</script>");
        o.WriteLine("</body>");
        o.WriteLine("</html>");
    }

    private static void WriteSummary(TextWriter o, List<Finding> findings)
    {
        o.WriteLine("<section id=\"summary\"><h2>Summary</h2>");
        var counts = ReportData.CountBySeverity(findings);
        o.Write("<p class=\"badges\">");
        o.Write($"<span class=\"total\">{findings.Count} finding(s)</span> ");
        foreach (var s in ReportData.SeveritiesDescending)
        {
            o.Write($"<span class=\"badge sev-{s.Name()}\">{counts[s]} {s.Name()}</span> ");
        }

        o.WriteLine("</p>");
        if (findings.Count > 0)
        {
            o.WriteLine(Chart(findings));
        }

        o.WriteLine("</section>");
    }

    /// <summary>Inline SVG: one horizontal bar per family, stacked by severity (worst first), with a legend.</summary>
    public static string Chart(IReadOnlyCollection<Finding> findings)
    {
        static string N(double d) => d.ToString("0.##", CultureInfo.InvariantCulture);
        var families = ReportData.CountByFamily(findings);
        var bySev = findings.GroupBy(f => (f.Family, f.Severity)).ToDictionary(g => g.Key, g => g.Count());
        var max = families.Count > 0 ? families.Max(kv => kv.Value) : 1;
        const int LabelWidth = 250, BarWidth = 460, Row = 26, BarHeight = 18, Top = 8;
        var legendY = Top + families.Count * Row + 12;
        var height = legendY + 24;
        var width = LabelWidth + BarWidth + 60;
        var sb = new System.Text.StringBuilder();
        sb.Append($"<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-label=\"Findings by family and severity\">");
        sb.Append("<title>Findings by family and severity</title>");
        var y = Top;
        foreach (var (family, total) in families)
        {
            sb.Append($"<g class=\"bar\" data-family=\"{E(family)}\">");
            sb.Append($"<text x=\"{LabelWidth - 8}\" y=\"{y + BarHeight - 4}\" text-anchor=\"end\">{E(family)}</text>");
            double x = LabelWidth;
            foreach (var s in ReportData.SeveritiesDescending)
            {
                if (!bySev.TryGetValue((family, s), out var n))
                {
                    continue;
                }

                var w = (double)BarWidth * n / max;
                sb.Append($"<rect class=\"seg sev-{s.Name()}\" x=\"{N(x)}\" y=\"{y}\" width=\"{N(w)}\" height=\"{BarHeight}\" fill=\"{Colour(s)}\">");
                sb.Append($"<title>{E(family)}: {n} {s.Name()}</title></rect>");
                x += w;
            }

            sb.Append($"<text x=\"{N(x + 6)}\" y=\"{y + BarHeight - 4}\">{total}</text>");
            sb.Append("</g>");
            y += Row;
        }

        double lx = LabelWidth;
        foreach (var s in ReportData.SeveritiesDescending)
        {
            sb.Append($"<rect x=\"{N(lx)}\" y=\"{legendY}\" width=\"12\" height=\"12\" fill=\"{Colour(s)}\"/>");
            sb.Append($"<text x=\"{N(lx + 16)}\" y=\"{legendY + 11}\">{s.Name()}</text>");
            lx += 86;
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void WriteFindings(TextWriter o, List<Finding> findings, ReportOptions options)
    {
        o.WriteLine("<section id=\"findings\"><h2>Findings</h2>");
        if (findings.Count == 0)
        {
            o.WriteLine("<p>No findings.</p></section>");
            return;
        }

        o.WriteLine("<div class=\"filters\">");
        o.WriteLine("<input id=\"q\" type=\"search\" placeholder=\"Filter findings…\" aria-label=\"Filter findings\">");
        o.WriteLine("<select id=\"sev\" aria-label=\"Minimum severity\"><option value=\"0\">any severity</option>");
        foreach (var s in new[] { Severity.Low, Severity.Medium, Severity.High, Severity.Critical })
        {
            o.WriteLine($"<option value=\"{(int)s}\">{s.Name()} and above</option>");
        }

        o.WriteLine("</select>");
        o.WriteLine("<select id=\"fam\" aria-label=\"Family\"><option value=\"\">all families</option>");
        foreach (var (family, n) in ReportData.CountByFamily(findings))
        {
            o.WriteLine($"<option value=\"{E(family)}\">{E(family)} ({n})</option>");
        }

        o.WriteLine("</select> <span id=\"shown\"></span></div>");
        o.WriteLine("<table id=\"findings-table\" class=\"sortable\">");
        o.WriteLine("<thead><tr><th data-type=\"num\">Severity</th><th>Rule</th><th>Family</th><th>Location</th><th>Message</th><th>Evidence</th><th>Confidence</th></tr></thead>");
        o.WriteLine("<tbody>");
        foreach (var f in findings)
        {
            o.Write($"<tr data-sev=\"{(int)f.Severity}\" data-family=\"{E(f.Family)}\">");
            o.Write($"<td data-key=\"{(int)f.Severity}\"><span class=\"badge sev-{f.Severity.Name()}\">{f.Severity.Name()}</span></td>");
            o.Write($"<td><a href=\"{E(f.Rule.HelpUri)}\">{E(f.RuleId)}</a><br><small>{E(f.Rule.Name)}</small></td>");
            o.Write($"<td>{E(f.Family)}</td>");
            o.Write($"<td class=\"loc\">{E(ReportData.Where(f.Location))}</td>");
            o.Write($"<td><strong>{E(f.Title)}</strong><br>{E(f.Message)}");
            if (f.Properties.Count > 0)
            {
                o.Write("<dl class=\"props\">");
                foreach (var (k, v) in f.Properties)
                {
                    o.Write($"<dt>{E(k)}</dt><dd>{E(v)}</dd>");
                }

                o.Write("</dl>");
            }

            o.Write($"<details><summary>fix</summary>{E(ReportData.Remediation(f))}");
            if (!string.IsNullOrEmpty(f.Rule.CweUri))
            {
                o.Write($" <a href=\"{E(f.Rule.CweUri)}\">{E(f.Rule.Cwe)}</a>");
            }

            o.Write($"<br><small>fingerprint <code>{E(f.Fingerprint)}</code></small></details></td>");
            o.Write($"<td><code>{E(ReportWriters.Evidence(f, options))}</code></td>");
            o.Write($"<td data-key=\"{(int)f.Confidence}\">{f.Confidence.Name()}</td>");
            o.WriteLine("</tr>");
        }

        o.WriteLine("</tbody></table></section>");
    }

    private static void WriteSection(TextWriter o, ReportSection s)
    {
        o.WriteLine($"<section class=\"report-section\"><h2>{E(s.Title)}</h2>");
        if (s.Columns.Count > 0)
        {
            o.WriteLine("<table class=\"sortable\"><thead><tr>" + string.Concat(s.Columns.Select(c => $"<th>{E(c)}</th>")) + "</tr></thead><tbody>");
            foreach (var r in s.Rows)
            {
                o.WriteLine("<tr>" + string.Concat(r.Select(c => $"<td>{E(c)}</td>")) + "</tr>");
            }

            o.WriteLine("</tbody></table>");
        }

        if (s.Note is not null)
        {
            o.WriteLine($"<p class=\"note\">{E(s.Note)}</p>");
        }

        o.WriteLine("</section>");
    }

    private const string Css = """
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1400px; padding: 0 16px 32px; color: #212529; }
        h1 { font-size: 22px; margin: 18px 0 4px; } h2 { font-size: 18px; margin: 24px 0 8px; display: inline-block; }
        .meta { color: #555; margin: 0; }
        table { border-collapse: collapse; width: 100%; margin-top: 8px; }
        th, td { border-bottom: 1px solid #dee2e6; padding: 5px 8px; text-align: left; vertical-align: top; }
        th { background: #f1f3f5; cursor: pointer; user-select: none; position: sticky; top: 0; }
        th.asc::after { content: " ▲"; } th.desc::after { content: " ▼"; }
        td.loc, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
        .badge { display: inline-block; border-radius: 3px; padding: 0 6px; color: #fff; font-size: 12px; }
        .total { font-weight: 600; margin-right: 8px; }
        .sev-critical { background: #8b0000; } .sev-high { background: #d9480f; } .sev-medium { background: #e6a700; }
        .sev-low { background: #1c7ed6; } .sev-info { background: #868e96; }
        svg.chart { max-width: 100%; height: auto; } svg.chart text { font-size: 12px; fill: #212529; }
        .filters { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
        .filters input { min-width: 280px; padding: 4px 6px; }
        dl.props { display: grid; grid-template-columns: max-content auto; gap: 0 8px; margin: 4px 0; font-size: 12px; color: #444; }
        dl.props dt { font-weight: 600; } dl.props dd { margin: 0; word-break: break-all; }
        details summary { cursor: pointer; color: #1c7ed6; }
        .note { color: #555; }
        footer { margin-top: 32px; color: #868e96; font-size: 12px; }
        """;

    private const string Script = """
        (function () {
          var table = document.getElementById('findings-table');
          if (table) {
            var q = document.getElementById('q'), sev = document.getElementById('sev'), fam = document.getElementById('fam');
            var shown = document.getElementById('shown');
            var apply = function () {
              var text = q.value.toLowerCase(), min = parseInt(sev.value, 10) || 0, family = fam.value, n = 0;
              var rows = table.tBodies[0].rows;
              for (var i = 0; i < rows.length; i++) {
                var r = rows[i];
                var ok = parseInt(r.getAttribute('data-sev'), 10) >= min &&
                  (family === '' || r.getAttribute('data-family') === family) &&
                  (text === '' || r.textContent.toLowerCase().indexOf(text) >= 0);
                r.style.display = ok ? '' : 'none';
                if (ok) { n++; }
              }
              shown.textContent = n + ' of ' + rows.length + ' shown';
            };
            q.addEventListener('input', apply); sev.addEventListener('change', apply); fam.addEventListener('change', apply);
            apply();
          }
          var tables = document.querySelectorAll('table.sortable');
          Array.prototype.forEach.call(tables, function (t) {
            var ths = t.tHead ? t.tHead.rows[0].cells : [];
            Array.prototype.forEach.call(ths, function (th, col) {
              th.addEventListener('click', function () {
                var desc = !th.classList.contains('desc') && th.classList.contains('asc');
                Array.prototype.forEach.call(ths, function (h) { h.classList.remove('asc', 'desc'); });
                th.classList.add(desc ? 'desc' : 'asc');
                var body = t.tBodies[0], rows = Array.prototype.slice.call(body.rows);
                var key = function (r) {
                  var c = r.cells[col]; if (!c) { return ''; }
                  var k = c.getAttribute('data-key'); return k !== null ? k : c.textContent.trim();
                };
                rows.sort(function (a, b) {
                  var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
                  var cmp = (!isNaN(nx) && !isNaN(ny) && String(nx) === x && String(ny) === y) ? nx - ny : x.localeCompare(y);
                  return desc ? -cmp : cmp;
                });
                rows.forEach(function (r) { body.appendChild(r); });
              });
            });
          });
        })();
        """;
}
