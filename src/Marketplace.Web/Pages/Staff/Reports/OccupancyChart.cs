using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Marketplace.Web.Pages.Staff.Reports;

/// <summary>
/// Occupancy over time as an inline SVG drawn on the server: one bar per scheduled fair day, the
/// height its occupancy in percent, with a title and a description for screen readers (the
/// table below the chart has the same figures). Presentation attributes only, so the site's
/// content security policy (no inline styles) lets it through.
/// </summary>
public static class OccupancyChart
{
    private const int Width = 640;
    private const int Height = 240;
    private const int Left = 40;
    private const int Bottom = 30;
    private const int Top = 10;

    public static IHtmlContent Draw(IReadOnlyList<StaffReport.DayRow> days, string title, string description,
        CultureInfo culture)
    {
        var html = HtmlEncoder.Default;
        var scheduled = days.Where(d => d.Status == Marketplace.Domain.Fairs.FairDayStatus.Scheduled).ToList();
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">");
        svg.Append("<title id=\"chart-title\">").Append(html.Encode(title)).Append("</title>");
        svg.Append("<desc id=\"chart-desc\">").Append(html.Encode(description)).Append("</desc>");
        var plotHeight = Height - Top - Bottom;
        foreach (var percent in new[] { 0, 50, 100 })
        {
            var y = Top + plotHeight - plotHeight * percent / 100.0;
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width}\" y2=\"{y:0.#}\" stroke=\"#d0d0d0\"/>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Left - 4}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"#4a4a4a\">{percent} %</text>");
        }
        if (scheduled.Count > 0)
        {
            var slot = (Width - Left) / (double)scheduled.Count;
            var bar = Math.Max(1, slot * 0.7);
            for (var i = 0; i < scheduled.Count; i++)
            {
                var day = scheduled[i];
                var h = plotHeight * day.Occupancy.Percent / 100.0;
                var x = Left + i * slot + (slot - bar) / 2;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{x:0.##}\" y=\"{Top + plotHeight - h:0.##}\" width=\"{bar:0.##}\" height=\"{h:0.##}\" fill=\"#1b5e20\">");
                svg.Append("<title>").Append(html.Encode(string.Create(culture,
                    $"{day.Date.ToString("d", culture)} {day.Series}: {day.Occupancy.Percent} %"))).Append("</title></rect>");
            }
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Left}\" y=\"{Height - 8}\" font-size=\"11\" fill=\"#4a4a4a\">{html.Encode(scheduled[0].Date.ToString("d", culture))}</text>");
            svg.Append(CultureInfo.InvariantCulture,
                $"<text x=\"{Width}\" y=\"{Height - 8}\" text-anchor=\"end\" font-size=\"11\" fill=\"#4a4a4a\">{html.Encode(scheduled[^1].Date.ToString("d", culture))}</text>");
        }
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
