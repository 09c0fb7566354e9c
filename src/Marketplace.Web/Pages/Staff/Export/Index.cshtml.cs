using System.Text;
using Marketplace.Infrastructure.Data;
using Marketplace.Infrastructure.Staff;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Pages.Staff.Export;

/// <summary>
/// The fair days of the series a municipality organizes, over a period of local dates, as CSV in
/// the import's format (so an exported file can be edited and imported again).
/// </summary>
public class IndexModel(MarketplaceDbContext db, IStringLocalizer<OperationsResource> text) : PageModel
{
    public IReadOnlyList<MunicipalityChoice> Choices { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public int? MunicipalityId { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Choices = await ChoicesAsync(cancellationToken);
        ModelState.Clear();
        From ??= DateOnly.FromDateTime(DateTime.UtcNow);
        To ??= From.Value.AddMonths(3);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        Choices = await ChoicesAsync(cancellationToken);
        var municipality = MunicipalityChoice.Pick(Choices, MunicipalityId);
        if (MunicipalityId is not null && municipality is null)
        {
            return NotFound();
        }
        if (municipality is null)
        {
            ModelState.AddModelError(nameof(MunicipalityId), text["Validation.Required", text["Field.Municipality"]]);
        }
        if (!PeriodInput.Check(ModelState, text, From, To) || municipality is null)
        {
            return Page();
        }
        var from = From!.Value;
        var to = To!.Value;
        var days = await db.FairDays.AsNoTracking()
            .Where(d => d.FairSeries!.OrganizerMunicipalityId == municipality.Id && d.Date >= from && d.Date <= to)
            .OrderBy(d => d.Date).ThenBy(d => d.StartTime).ThenBy(d => d.FairSeries!.Name)
            .Select(d => new FairDayCsvLine(d.FairSeries!.Name, d.Date, d.StartTime, d.EndTime, d.Venue!.Name,
                d.Status.ToString(), d.StatusReason))
            .ToListAsync(cancellationToken);
        var name = $"fair-days-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv";
        return File(Encoding.UTF8.GetBytes(FairDayCsv.Write(days)), "text/csv; charset=utf-8", name);
    }

    private async Task<IReadOnlyList<MunicipalityChoice>> ChoicesAsync(CancellationToken cancellationToken) =>
        await MunicipalityChoice.InScopeAsync(db, await StaffScope.ForAsync(db, User, cancellationToken), cancellationToken);
}
