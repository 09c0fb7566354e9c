using System.Globalization;
using System.Text;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Staff.Reports;

/// <summary>
/// Reports of one municipality's fairs over a period, on the page and as CSV (English column
/// names and invariant numbers, the same in every language of the site).
/// </summary>
public class IndexModel(MarketplaceDbContext db, TimeProvider clock, IStringLocalizer<OperationsResource> text) : PageModel
{
    public static readonly IReadOnlyList<string> CsvReports = ["days", "series", "producers", "fees"];

    public IReadOnlyList<MunicipalityChoice> Choices { get; private set; } = [];
    public MunicipalityChoice? Municipality { get; private set; }
    public StaffReport? Report { get; private set; }

    [BindProperty(SupportsGet = true)]
    public int? MunicipalityId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (From is null && To is null && ModelState.IsValid)
        {
            From = today.AddDays(-90);
            To = today.AddDays(30);
        }
        return await LoadAsync(cancellationToken) ?? Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(string? report, CancellationToken cancellationToken)
    {
        if (report is null || !CsvReports.Contains(report))
        {
            return NotFound();
        }
        if (await LoadAsync(cancellationToken) is { } refusal)
        {
            return refusal;
        }
        if (Report is null)
        {
            return Page();
        }
        var csv = report switch
        {
            "days" => FairDayCsv.Table(["date", "series", "venue", "status", "stalls", "booked", "occupancy_percent"],
                Report.Days.Select(d => Row(d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Series, d.Venue,
                    d.Status.ToString(), d.Occupancy.Stalls, d.Occupancy.Held, d.Occupancy.Percent))),
            "series" => FairDayCsv.Table(["series", "days", "stalls", "booked", "occupancy_percent"],
                Report.Series.Select(s => Row(s.Series, s.Days, s.Occupancy.Stalls, s.Occupancy.Held, s.Occupancy.Percent))),
            "producers" => FairDayCsv.Table(["dimension", "value", "producers"],
                Report.ByOrganizationType.Select(r => Row("organization_type", r.Key, r.Producers))
                    .Concat(Report.ByGender.Select(r => Row("contact_gender", r.Key, r.Producers)))
                    .Concat(Report.ByCorridor.Select(r => Row("corridor", r.Key, r.Producers)))),
            _ => FairDayCsv.Table(["series", "currency", "paid", "collected", "waived", "unsettled", "outstanding"],
                Report.Fees.Select(f => Row(f.Series, Municipality!.CurrencyCode, f.Totals.Paid, f.Totals.Collected,
                    f.Totals.Waived, f.Totals.Unsettled, f.Totals.Outstanding))),
        };
        return File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"{report}-{From:yyyy-MM-dd}-{To:yyyy-MM-dd}.csv");
    }

    private static IReadOnlyList<string> Row(params object[] values) =>
        values.Select(v => v is decimal amount
            ? amount.ToString("0.00", CultureInfo.InvariantCulture)
            : Convert.ToString(v, CultureInfo.InvariantCulture) ?? "").ToList();

    /// <returns>A refusal (404 for a municipality out of scope), or null with the report built when the input is good.</returns>
    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var scope = await StaffScope.ForAsync(db, User, cancellationToken);
        Choices = await MunicipalityChoice.InScopeAsync(db, scope, cancellationToken);
        Municipality = MunicipalityChoice.Pick(Choices, MunicipalityId);
        if (MunicipalityId is not null && Municipality is null)
        {
            return NotFound();
        }
        if (!PeriodInput.Check(ModelState, text, From, To) || Municipality is null)
        {
            return null;
        }
        MunicipalityId = Municipality.Id;
        Report = await StaffReport.BuildAsync(db, Municipality.Id, From!.Value, To!.Value, cancellationToken);
        return null;
    }
}
